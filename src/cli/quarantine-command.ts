// `mailward quarantine list|show|release|reject`: the operator's tool. It works on the same
// store as a running `serve`; release is an atomic transition, so nothing is delivered twice.
import { userInfo } from 'node:os'
import type { Command } from 'commander'
import { openSqliteStore } from '../store/index.js'
import type { QuarantineRecord, QuarantineStatus, Store } from '../store/types.js'
import {
  createNextHop,
  sendOutboxItem,
  DEFAULT_OUTBOX_POLICY,
  type VerdictReport,
} from '../actions/index.js'
import type { Config } from '../config/index.js'
import { CliError, EXIT, loadConfigOrFail } from './shared.js'
import { dataDirOf } from './start-relay.js'
import { formatReport } from './format-verdict.js'

interface StoreFlags {
  config?: string
  data?: string
  json?: boolean
}

interface ResolveFlags extends StoreFlags {
  reason?: string
  operator?: string
  nextHop?: string
}

const STATUSES: readonly QuarantineStatus[] = [
  'held',
  'awaiting-justification',
  'released',
  'rejected',
]

export function registerQuarantineCommand(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('list, show, release or reject held messages')

  quarantine
    .command('list')
    .description('list quarantined messages, newest first')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .option('--sender <address>', 'only from this envelope sender')
    .option('--recipient <address>', 'only to this envelope recipient')
    .option('--since <date>', 'only received at or after this date (ISO 8601)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: StoreFlags & {
          status?: string
          sender?: string
          recipient?: string
          since?: string
        },
      ) => {
        const status = flags.status === undefined ? undefined : parseStatus(flags.status)
        const since = flags.since === undefined ? undefined : parseDate(flags.since)
        await withStore(flags, async (store) => {
          const records = await store.listQuarantined({
            status,
            sender: flags.sender,
            recipient: flags.recipient,
            since,
          })
          if (flags.json === true) return print(JSON.stringify(records.map(summary), null, 2))
          if (records.length === 0) return print('No messages in quarantine match.')
          print(records.map(listLine).join('\n'))
        })
      },
    )

  quarantine
    .command('show')
    .description('show one quarantined message: envelope, reasons, masked findings, parts')
    .argument('<id>', 'quarantine id (the ref, e.g. mw-...)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: StoreFlags) => {
      await withStore(flags, async (store) => {
        const record = await store.getQuarantined(id)
        if (record === undefined) throw new CliError(`quarantine show: no message ${id}`)
        if (flags.json === true)
          return print(JSON.stringify({ ...summary(record), report: record.report }, null, 2))
        print(showText(record))
      })
    })

  for (const verb of ['release', 'reject'] as const) {
    quarantine
      .command(verb)
      .description(
        verb === 'release'
          ? 'deliver held messages through the next hop'
          : 'reject held messages; they are never delivered',
      )
      .argument('<ids...>', 'quarantine ids')
      .option('--reason <text>', 'why, for the audit log')
      .option('--operator <name>', 'who, for the audit log (default: the OS user)')
      .option(
        '--next-hop <host:port>',
        'deliver through this next hop instead of the configured one',
      )
      .option('--config <file>', 'configuration file')
      .option('--data <dir>', 'data folder')
      .option('--json', 'print JSON')
      .action(async (ids: string[], flags: ResolveFlags) => {
        const config = loadConfigOrFail(flags)
        const operator = flags.operator ?? userInfo().username
        await withStore(flags, async (store) => {
          const results = []
          for (const id of ids) {
            results.push(
              verb === 'release'
                ? await releaseOne(store, config, id, operator, flags.reason)
                : await rejectOne(store, id, operator, flags.reason),
            )
          }
          if (flags.json === true) print(JSON.stringify(results, null, 2))
          else print(results.map((result) => `${result.id}: ${result.message}`).join('\n'))
          if (results.some((result) => !result.ok)) process.exitCode = EXIT.failed
        })
      })
  }
}

interface ResolveResult {
  readonly id: string
  readonly ok: boolean
  readonly status: string
  readonly message: string
}

async function releaseOne(
  store: Store,
  config: Config,
  id: string,
  operator: string,
  reason: string | undefined,
): Promise<ResolveResult> {
  const result = await store.release(id, operator, reason)
  if (!result.ok) return refusal(id, result)
  if (result.outboxId === undefined)
    return { id, ok: true, status: 'released', message: 'released' }

  // Deliver now rather than wait for a running relay's next outbox pass; the lease on the
  // outbox item keeps a running relay from sending it at the same time.
  const item = await store.claimById(result.outboxId, new Date(), DEFAULT_OUTBOX_POLICY.leaseMs)
  if (item === undefined) {
    return {
      id,
      ok: true,
      status: 'released',
      message: 'released; a running relay is delivering it',
    }
  }
  const nextHop = createNextHop(config.nextHop)
  try {
    const sent = await sendOutboxItem(item, store, nextHop)
    switch (sent.kind) {
      case 'sent':
        return {
          id,
          ok: true,
          status: 'delivered',
          message: `released and delivered to ${config.nextHop.address}`,
        }
      case 'retry':
        return {
          id,
          ok: true,
          status: 'queued',
          message: `released; delivery will be retried (${sent.reason})`,
        }
      case 'failed':
        return {
          id,
          ok: false,
          status: 'failed',
          message: `released, but the next hop refused it (${sent.reason})`,
        }
    }
  } finally {
    nextHop.close()
  }
}

async function rejectOne(
  store: Store,
  id: string,
  operator: string,
  reason: string | undefined,
): Promise<ResolveResult> {
  const result = await store.reject(id, operator, reason)
  if (!result.ok) return refusal(id, result)
  return { id, ok: true, status: 'rejected', message: 'rejected' }
}

function refusal(
  id: string,
  result: { reason: 'not-found' | 'not-held'; status?: string },
): ResolveResult {
  if (result.reason === 'not-found')
    return { id, ok: false, status: 'not-found', message: 'no such message in quarantine' }
  return {
    id,
    ok: false,
    status: result.status ?? 'unknown',
    message: `not held (it is ${result.status ?? 'unknown'}); nothing done`,
  }
}

async function withStore(flags: StoreFlags, work: (store: Store) => Promise<void>): Promise<void> {
  const config = loadConfigOrFail(flags)
  const store = openSqliteStore(dataDirOf(config))
  try {
    await work(store)
  } finally {
    await store.close()
  }
}

function summary(record: QuarantineRecord): Record<string, unknown> {
  const report = record.report as Partial<VerdictReport>
  return {
    id: record.id,
    receivedAt: record.receivedAt.toISOString(),
    status: record.status,
    action: record.action,
    sender: record.sender,
    recipients: record.recipients,
    size: record.size,
    reasons: (report.reasons ?? []).map((reason) => reason.code),
    categories: report.counts ?? {},
    resolvedAt: record.resolvedAt?.toISOString(),
    resolvedBy: record.resolvedBy,
    resolutionNote: record.resolutionNote,
  }
}

function listLine(record: QuarantineRecord): string {
  const report = record.report as Partial<VerdictReport>
  const reasons =
    (report.reasons ?? []).map((reason) => reason.code).join(',') || report.inspectionFailed || '-'
  const when = record.receivedAt.toISOString().slice(0, 19).replace('T', ' ')
  const to =
    record.recipients.length === 1 ? record.recipients[0] : `${record.recipients.length} recipients`
  return `${record.id}  ${when}  ${record.status.padEnd(22)}  ${record.sender} -> ${to}  ${reasons}`
}

function showText(record: QuarantineRecord): string {
  const lines = [
    `Id: ${record.id}`,
    `Status: ${record.status}`,
    `Received: ${record.receivedAt.toISOString()}`,
    `From: ${record.sender || '<>'}`,
    `To: ${record.recipients.join(', ')}`,
    `Size: ${record.size} bytes`,
  ]
  if (record.resolvedAt !== undefined) {
    lines.push(
      `Resolved: ${record.resolvedAt.toISOString()} by ${record.resolvedBy ?? '?'}${record.resolutionNote === undefined ? '' : ` (${record.resolutionNote})`}`,
    )
  }
  const report = record.report as VerdictReport
  const body =
    report.reasons === undefined
      ? `Inspection failed: ${report.inspectionFailed ?? 'unknown'}\n`
      : formatReport(report)
  return `${lines.join('\n')}\n${body}`
}

function parseStatus(value: string): QuarantineStatus {
  const status = STATUSES.find((candidate) => candidate === value)
  if (status === undefined)
    throw new CliError(
      `--status must be one of ${STATUSES.join(', ')} (got "${value}")`,
      EXIT.usage,
    )
  return status
}

function parseDate(value: string): Date {
  const date = new Date(value)
  if (Number.isNaN(date.getTime()))
    throw new CliError(`--since must be a date such as 2026-12-01 (got "${value}")`, EXIT.usage)
  return date
}

function print(text: string): void {
  process.stdout.write(`${text}\n`)
}
