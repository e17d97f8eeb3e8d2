// `mailward sweep`: by hand, what `serve` does on its timer. Justify holds past their deadline
// are rejected as expired and the senders told, decided messages past the retention are
// purged, and what is due in the outbox (such as those notices) is sent.
import type { Command } from 'commander'
import { sweep } from '../actions/index.js'
import { createLogger } from '../log/index.js'
import {
  checkNextHopFlag,
  cliNoticeContext,
  EXIT,
  loadConfigOrFail,
  nextHopFor,
  openStoreOrFail,
} from './shared.js'
import { deliverNow } from './deliver-now.js'

export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('expire justify deadlines, purge past retention, send what the outbox has due')
    .option('--next-hop <host:port>', 'deliver through this next hop instead of the configured')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (flags: { config?: string; data?: string; json?: boolean; nextHop?: string }) => {
      const nextHopFlag = checkNextHopFlag(flags.nextHop)
      const config = loadConfigOrFail({ config: flags.config, data: flags.data })
      const store = openStoreOrFail(config)
      try {
        // Learning is left to `serve`: it keeps the baselines cached and would not see ours.
        const notices = cliNoticeContext(config)
        const report = await sweep({
          store,
          notices,
          retentionDays: config.quarantine.retentionDays,
          now: () => new Date(),
          log: createLogger('silent'),
        })

        const due = (await store.listOutbox('pending'))
          .filter((item) => item.nextAttemptAt.getTime() <= Date.now())
          .map((item) => item.id)
        const nextHop = await nextHopFor(nextHopFlag, config, store)
        const delivered = await deliverNow(store, config, notices, due, nextHop)
        const sent = [...delivered.values()].filter((result) => result.kind === 'sent').length
        const failed = [...delivered.values()].filter((result) => result.kind === 'failed').length

        const result = { ...report, outbox: { due: due.length, sent, failed } }
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
        } else {
          process.stdout.write(
            `expired ${report.expired.length}${list(report.expired)}, ` +
              `purged ${report.purged.length}${list(report.purged)}` +
              `${report.purgeWaiting.length > 0 ? ` (${report.purgeWaiting.length} wait for delivery)` : ''}, ` +
              `outbox: ${sent} of ${due.length} due sent` +
              `${report.purgedOutbox.length > 0 ? `, ${report.purgedOutbox.length} given up long ago purged` : ''}\n`,
          )
        }
        if (failed > 0) process.exitCode = EXIT.failed
      } finally {
        await store.close()
      }
    })
}

function list(ids: readonly string[]): string {
  return ids.length === 0 || ids.length > 5 ? '' : ` (${ids.join(', ')})`
}
