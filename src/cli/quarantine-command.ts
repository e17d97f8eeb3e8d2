// `mailward quarantine list|show|release|reject|purge|export`: the operator's tool. It works on
// the same store as a running `serve`; every decision is an atomic transition, so nothing is
// delivered twice, and every one is written to the audit log with who, when and why.
import { userInfo } from 'node:os'
import type { Command } from 'commander'
import { visibleText } from '../actions/index.js'
import { QUARANTINE_STATUSES } from '../store/index.js'
import type { QuarantineStatus, Store } from '../store/types.js'
import { isCategory } from '../detect/categories.js'
import {
  checkNextHopFlag,
  CliError,
  cliNoticeContext,
  EXIT,
  loadConfigOrFail,
  nextHopFor,
  openStoreOrFail,
} from './shared.js'
import { decideOne } from './quarantine-decide.js'
import { headersOf, listLine, showText, summary } from './quarantine-view.js'
import { exportMessage, purgeMessages } from './quarantine-files.js'

interface StoreFlags {
  config?: string
  data?: string
  json?: boolean
}

interface DecideFlags extends StoreFlags {
  reason?: string
  operator?: string
  nextHop?: string
  recipient?: string[]
  notice?: boolean
}

const DAY_MS = 24 * 3600 * 1000

export function registerQuarantineCommand(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('list, show, release, reject, purge or export held messages')

  quarantine
    .command('list')
    .description('list quarantined messages, newest first')
    .option('--status <status>', `only this status (${QUARANTINE_STATUSES.join(', ')})`)
    .option('--sender <address>', 'only from this envelope sender')
    .option('--recipient <address>', 'only to this envelope recipient')
    .option('--category <category>', 'only with findings of this category, e.g. CREDIT_CARD')
    .option('--since <date>', 'only received at or after this date (ISO 8601)')
    .option('--limit <n>', 'at most this many (default 1000)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (flags: StoreFlags & Record<string, string | undefined>) => {
      const filter = {
        status: flags.status === undefined ? undefined : parseStatus(flags.status),
        sender: flags.sender,
        recipient: flags.recipient,
        category: flags.category === undefined ? undefined : parseCategory(flags.category),
        since: flags.since === undefined ? undefined : parseDate('--since', flags.since),
        limit: flags.limit === undefined ? undefined : parseCount('--limit', flags.limit),
      }
      await withStore(flags, async (store) => {
        const records = await store.listQuarantined(filter)
        if (flags.json === true) return print(JSON.stringify(records.map(summary), null, 2))
        if (records.length === 0) return print('No messages in quarantine match.')
        print(records.map(listLine).join('\n'))
      })
    })

  quarantine
    .command('show')
    .description('show one message: recipients, headers, narrative, reasons, findings, history')
    .argument('<id>', 'quarantine id (the ref, e.g. mw-...)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: StoreFlags) => {
      await withStore(flags, async (store) => {
        const record = await store.getQuarantined(id)
        if (record === undefined)
          throw new CliError(`quarantine show: no message ${visibleText(id)}`)
        const headers = await headersOf(await store.readRaw(id))
        const history = await store.auditFor(id)
        if (flags.json === true) {
          const { report, narrative, justification } = record
          const json = { ...summary(record), headers, narrative, justification, report, history }
          return print(JSON.stringify(json, null, 2))
        }
        process.stdout.write(showText(record, headers, history))
      })
    })

  for (const verb of ['release', 'reject'] as const) {
    quarantine
      .command(verb)
      .description(
        verb === 'release'
          ? 'deliver held messages (or only to some recipients) through the next hop'
          : 'reject held messages (or only for some recipients); they are never delivered',
      )
      .argument('<ids...>', 'quarantine ids')
      .option('--recipient <address...>', 'only these envelope recipients (default: all pending)')
      .option('--reason <text>', 'why, for the audit log')
      .option('--operator <name>', 'who, for the audit log (default: the OS user)')
      .option('--no-notice', 'do not tell the sender')
      .option('--next-hop <host:port>', 'deliver through this next hop instead of the configured')
      .option('--config <file>', 'configuration file')
      .option('--data <dir>', 'data folder')
      .option('--json', 'print JSON')
      .action(async (ids: string[], flags: DecideFlags) => {
        const nextHopFlag = checkNextHopFlag(flags.nextHop)
        const config = loadConfigOrFail({ config: flags.config, data: flags.data })
        const notices = cliNoticeContext(config)
        await withStore(flags, async (store) => {
          const options = {
            verb,
            operator: flags.operator ?? userInfo().username,
            reason: flags.reason,
            recipients: flags.recipient,
            notify: flags.notice !== false,
            nextHop: await nextHopFor(nextHopFlag, config, store),
          }
          const results = []
          for (const id of ids) results.push(await decideOne(store, config, notices, id, options))
          if (flags.json === true) print(JSON.stringify(results, null, 2))
          else
            print(results.map((r) => `${visibleText(r.id)}: ${visibleText(r.message)}`).join('\n'))
          if (results.some((result) => !result.ok)) process.exitCode = EXIT.failed
        })
      })
  }

  quarantine
    .command('purge')
    .description('delete decided messages for good (default: decided before the retention)')
    .argument('[ids...]', 'quarantine ids (default: every message past quarantine.retentionDays)')
    .option('--older-than <days>', 'decided more than this many days ago')
    .option('--dry-run', 'only say what would be purged')
    .option('--operator <name>', 'who, for the audit log (default: the OS user)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: StoreFlags & Record<string, string | boolean>) => {
      const config = loadConfigOrFail({ config: flags.config, data: flags.data })
      const days =
        typeof flags.olderThan === 'string'
          ? parseCount('--older-than', flags.olderThan)
          : config.quarantine.retentionDays
      const before = new Date(Date.now() - days * DAY_MS)
      const operator = typeof flags.operator === 'string' ? flags.operator : userInfo().username
      await withStore(flags, async (store) => {
        const lines = await purgeMessages(store, ids, before, operator, flags.dryRun === true)
        if (flags.json === true) print(JSON.stringify(lines, null, 2))
        else if (lines.length === 0) print(`Nothing decided more than ${days} days ago.`)
        else print(lines.map((line) => `${line.id}: ${line.message}`).join('\n'))
        if (lines.some((line) => !line.ok)) process.exitCode = EXIT.failed
      })
    })

  quarantine
    .command('export')
    .description('write a held message, byte for byte, as an .eml file (or to standard output)')
    .argument('<id>', 'quarantine id')
    .option('--out <file>', 'file to create (never overwritten); default: standard output')
    .option('--operator <name>', 'who, for the audit log (default: the OS user)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .action(async (id: string, flags: StoreFlags & { out?: string; operator?: string }) => {
      await withStore(flags, async (store) => {
        if ((await store.getQuarantined(id)) === undefined) {
          throw new CliError(`quarantine export: no message ${visibleText(id)}`)
        }
        const operator = flags.operator ?? userInfo().username
        const size = await exportMessage(store, id, flags.out, operator)
        if (flags.out !== undefined) process.stderr.write(`${id}: ${size} bytes to ${flags.out}\n`)
      })
    })
}

async function withStore(flags: StoreFlags, work: (store: Store) => Promise<void>): Promise<void> {
  const config = loadConfigOrFail({ config: flags.config, data: flags.data })
  const store = openStoreOrFail(config)
  try {
    await work(store)
  } finally {
    await store.close()
  }
}

function parseStatus(value: string): QuarantineStatus {
  const status = QUARANTINE_STATUSES.find((candidate) => candidate === value)
  if (status === undefined) {
    const known = QUARANTINE_STATUSES.join(', ')
    throw new CliError(`--status must be one of ${known} (got "${value}")`, EXIT.usage)
  }
  return status
}

function parseCategory(value: string): string {
  const category = value.toUpperCase()
  if (!isCategory(category)) {
    throw new CliError(`--category: unknown category "${value}" (e.g. CREDIT_CARD)`, EXIT.usage)
  }
  return category
}

function parseDate(flag: string, value: string): Date {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) {
    throw new CliError(`${flag} must be a date such as 2026-12-01 (got "${value}")`, EXIT.usage)
  }
  return date
}

function parseCount(flag: string, value: string): number {
  const count = Number(value)
  if (!Number.isFinite(count) || count < 0) {
    throw new CliError(`${flag} must be a number of at least 0 (got "${value}")`, EXIT.usage)
  }
  return count
}

function print(text: string): void {
  process.stdout.write(`${text}\n`)
}
