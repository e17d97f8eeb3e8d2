// `mailward outbox list|retry`: what mailward still has to send (released messages, notices),
// and sending it again now: a pending item before its next retry, or a failed one revived.
import { userInfo } from 'node:os'
import type { Command } from 'commander'
import { visibleText } from '../actions/index.js'
import { OUTBOX_STATUSES } from '../store/index.js'
import type { OutboxItem, OutboxStatus } from '../store/types.js'
import {
  checkNextHopFlag,
  CliError,
  cliNoticeContext,
  EXIT,
  loadConfigOrFail,
  nextHopFor,
  openStoreOrFail,
} from './shared.js'
import { deliverNow, describeDelivery } from './deliver-now.js'

interface OutboxFlags {
  config?: string
  data?: string
  json?: boolean
}

export function registerOutboxCommand(program: Command): void {
  const outbox = program.command('outbox').description('messages mailward is sending later')

  outbox
    .command('list')
    .description('list outbox items and their delivery state')
    .option('--status <status>', `only this status (${OUTBOX_STATUSES.join(', ')})`)
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (flags: OutboxFlags & { status?: string }) => {
      const status = flags.status === undefined ? undefined : parseStatus(flags.status)
      const store = openStoreOrFail(loadConfigOrFail(flags))
      try {
        const items = await store.listOutbox(status)
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify(items, null, 2)}\n`)
          return
        }
        if (items.length === 0) {
          const what = status === undefined ? 'The outbox is empty' : `No ${status} outbox items`
          process.stdout.write(`${what}.\n`)
        }
        for (const item of items) process.stdout.write(`${itemLine(item)}\n`)
      } finally {
        await store.close()
      }
    })

  outbox
    .command('retry')
    .description('try outbox items now: pending ones before their next retry, failed ones again')
    .argument('[ids...]', 'outbox item numbers (default: every pending and failed item)')
    .option('--next-hop <host:port>', 'deliver through this next hop instead of the configured')
    .option('--operator <name>', 'who, for the audit log (default: the OS user)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: OutboxFlags & { nextHop?: string; operator?: string }) => {
      const nextHopFlag = checkNextHopFlag(flags.nextHop)
      const config = loadConfigOrFail({ config: flags.config, data: flags.data })
      const operator = flags.operator ?? userInfo().username
      const store = openStoreOrFail(config)
      try {
        const nextHop = await nextHopFor(nextHopFlag, config, store)
        const wanted =
          ids.length > 0
            ? ids.map(parseId)
            : [...(await store.listOutbox('pending')), ...(await store.listOutbox('failed'))]
                .map((item) => item.id)
                .sort((a, b) => a - b)

        const revived: number[] = []
        const lines: { id: number; ok: boolean; message: string }[] = []
        for (const id of wanted) {
          const item = await store.getOutbox(id)
          if (item === undefined) lines.push({ id, ok: false, message: 'no such outbox item' })
          else if (item.status === 'sent') lines.push({ id, ok: true, message: 'already sent' })
          else if (item.purgedAt !== undefined)
            lines.push({ id, ok: false, message: purgedLine(item) })
          else if (await store.reviveOutbox(id, new Date(), operator)) revived.push(id)
          else lines.push({ id, ok: true, message: 'a running relay is sending it' })
        }

        const delivered = await deliverNow(
          store,
          config,
          cliNoticeContext(config),
          revived,
          nextHop,
        )
        for (const id of revived) {
          const result = delivered.get(id)
          const ok = result?.kind === 'sent' || result?.kind === 'busy'
          lines.push({ id, ok, message: describeDelivery(result, nextHop) })
        }
        lines.sort((a, b) => a.id - b.id)

        if (flags.json === true) process.stdout.write(`${JSON.stringify(lines, null, 2)}\n`)
        else if (lines.length === 0) process.stdout.write('Nothing to retry.\n')
        else for (const line of lines) process.stdout.write(`#${line.id}: ${line.message}\n`)
        if (lines.some((line) => !line.ok)) process.exitCode = EXIT.failed
      } finally {
        await store.close()
      }
    })
}

function purgedLine(item: OutboxItem): string {
  const day = (item.purgedAt ?? new Date()).toISOString().slice(0, 10)
  return `given up, and its message was purged on ${day} (quarantine.retentionDays): it cannot be sent again`
}

function itemLine(item: OutboxItem): string {
  const about = item.ref === undefined ? '' : `  ${item.ref}`
  const error = item.lastError === undefined ? '' : `  last error: ${visibleText(item.lastError)}`
  const next =
    item.status === 'pending' && item.attempts > 0
      ? `  next try ${item.nextAttemptAt.toISOString().slice(0, 19).replace('T', ' ')}`
      : ''
  return (
    `#${item.id}  ${item.kind.padEnd(7)}  ${item.status.padEnd(7)}  attempts ${item.attempts}` +
    `${item.purgedAt === undefined ? '' : '  (message purged)'}` +
    `${about}  to ${visibleText(item.rcptTo.join(', '))}${next}${error}`
  )
}

function parseStatus(value: string): OutboxStatus {
  const status = OUTBOX_STATUSES.find((candidate) => candidate === value)
  if (status === undefined) {
    throw new CliError(
      `--status must be one of ${OUTBOX_STATUSES.join(', ')} (got "${value}")`,
      EXIT.usage,
    )
  }
  return status
}

function parseId(value: string): number {
  const id = Number(value.replace(/^#/, ''))
  if (!Number.isInteger(id) || id < 1) {
    throw new CliError(`outbox retry: "${value}" is not an outbox item number`, EXIT.usage)
  }
  return id
}
