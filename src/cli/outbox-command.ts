// `mailward outbox list`: what mailward still has to send (released messages, notices).
import type { Command } from 'commander'
import { openSqliteStore } from '../store/index.js'
import { loadConfigOrFail } from './shared.js'
import { dataDirOf } from './start-relay.js'

export function registerOutboxCommand(program: Command): void {
  const outbox = program.command('outbox').description('messages mailward is sending later')

  outbox
    .command('list')
    .description('list outbox items and their delivery state')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (flags: { config?: string; data?: string; json?: boolean }) => {
      const store = openSqliteStore(dataDirOf(loadConfigOrFail(flags)))
      try {
        const items = await store.listOutbox()
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify(items, null, 2)}\n`)
          return
        }
        if (items.length === 0) process.stdout.write('The outbox is empty.\n')
        for (const item of items) {
          const error = item.lastError === undefined ? '' : `  last error: ${item.lastError}`
          process.stdout.write(
            `#${item.id}  ${item.kind.padEnd(7)}  ${item.status.padEnd(7)}  attempts ${item.attempts}  ` +
              `to ${item.rcptTo.join(', ')}${error}\n`,
          )
        }
      } finally {
        await store.close()
      }
    })
}
