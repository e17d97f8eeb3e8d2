// How `quarantine list` and `quarantine show` present a held message to an operator: the
// envelope, each recipient's state, the headers an operator decides by, the narrative, the
// reasons with masked findings, the sender's justification and the audit history. Everything
// that came from the message (addresses, headers, narrative, justification) is printed through
// visibleText, so that control characters in it cannot forge lines or drive the terminal.
import { simpleParser, type AddressObject } from 'mailparser'
import { visibleText, type VerdictReport } from '../actions/index.js'
import type { AuditEntry, QuarantineRecord } from '../store/types.js'
import { formatReport } from './format-verdict.js'

/** Headers of interest, decoded; values the operator may see (never logged). */
export interface HeadersView {
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly cc?: string | undefined
  readonly subject?: string | undefined
  readonly date?: string | undefined
  readonly messageId?: string | undefined
  readonly tenantId?: string | undefined
  readonly networkMessageId?: string | undefined
  readonly authAs?: string | undefined
  readonly originatorOrg?: string | undefined
  readonly msipLabels?: string | undefined
  /** Why the header block could not be read, when it could not (then every field is absent). */
  readonly unreadable?: string | undefined
}

/** The summary `list --json` prints for each message. */
export function summary(record: QuarantineRecord): Record<string, unknown> {
  const report = record.report as Partial<VerdictReport>
  return {
    id: record.id,
    receivedAt: record.receivedAt.toISOString(),
    status: record.status,
    action: record.action,
    sender: record.sender,
    recipients: record.recipientStates.map((state) => ({
      address: state.address,
      status: state.status,
    })),
    size: record.size,
    reasons: (report.reasons ?? []).map((reason) => reason.code),
    categories: report.counts ?? {},
    justifyDeadline: record.justifyDeadline?.toISOString(),
    justified: record.justification !== undefined,
    resolvedAt: record.resolvedAt?.toISOString(),
    resolvedBy: record.resolvedBy,
    resolutionNote: record.resolutionNote,
  }
}

export function listLine(record: QuarantineRecord): string {
  const report = record.report as Partial<VerdictReport>
  const reasons =
    (report.reasons ?? []).map((reason) => reason.code).join(',') || report.inspectionFailed || '-'
  const when = record.receivedAt.toISOString().slice(0, 19).replace('T', ' ')
  const to =
    record.recipients.length === 1
      ? visibleText(record.recipients[0] ?? '')
      : `${record.recipients.length} recipients`
  const from = visibleText(record.sender) || '<>'
  return `${record.id}  ${when}  ${record.status.padEnd(22)}  ${from} -> ${to}  ${visibleText(reasons)}`
}

/** Reads the headers of interest from the message's header block only. */
export async function headersOf(raw: Buffer): Promise<HeadersView> {
  const end = raw.indexOf('\r\n\r\n')
  const block = end === -1 ? raw : raw.subarray(0, end + 4)
  let mail: Awaited<ReturnType<typeof simpleParser>>
  try {
    mail = await simpleParser(block, { skipHtmlToText: true, skipTextToHtml: true })
  } catch (error) {
    // mailsplit refuses a header block over 1 MiB, which the relay holds (UNSCANNABLE): the
    // rest of `show` must still tell the operator why. Only our words, never the library's.
    const why =
      error instanceof Error && /header size/i.test(error.message) ? 'over 1 MiB' : 'malformed'
    return { unreadable: `the header block (${block.length} bytes) cannot be read: ${why}` }
  }
  const header = (name: string): string | undefined => {
    const value = mail.headers.get(name)
    return typeof value === 'string' ? value : undefined
  }
  return {
    from: mail.from?.text,
    to: addressText(mail.to),
    cc: addressText(mail.cc),
    subject: mail.subject,
    date: mail.date?.toISOString(),
    messageId: mail.messageId,
    tenantId: header('x-ms-exchange-crosstenant-id'),
    networkMessageId: header('x-ms-exchange-crosstenant-network-message-id'),
    authAs: header('x-ms-exchange-crosstenant-authas'),
    originatorOrg: header('x-originatororg'),
    msipLabels: header('msip_labels'),
  }
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (value === undefined) return undefined
  return (Array.isArray(value) ? value : [value]).map((address) => address.text).join(', ')
}

const HEADER_LABELS: readonly [keyof HeadersView, string][] = [
  ['from', 'From'],
  ['to', 'To'],
  ['cc', 'Cc'],
  ['subject', 'Subject'],
  ['date', 'Date'],
  ['messageId', 'Message-ID'],
  ['tenantId', 'X-MS-Exchange-CrossTenant-Id'],
  ['networkMessageId', 'X-MS-Exchange-CrossTenant-Network-Message-Id'],
  ['authAs', 'X-MS-Exchange-CrossTenant-AuthAs'],
  ['originatorOrg', 'X-OriginatorOrg'],
  ['msipLabels', 'msip_labels'],
]

/** `quarantine show` as text. */
export function showText(
  record: QuarantineRecord,
  headers: HeadersView,
  history: readonly AuditEntry[],
): string {
  const lines = [
    `Id: ${record.id}`,
    `Status: ${statusLine(record)}`,
    `Received: ${record.receivedAt.toISOString()}`,
    `Envelope from: ${visibleText(record.sender) || '<>'}`,
    'Recipients:',
    ...record.recipientStates.map((state) => {
      const when = state.resolvedAt === undefined ? '' : ` ${state.resolvedAt.toISOString()}`
      const who = state.resolvedBy === undefined ? '' : ` by ${visibleText(state.resolvedBy)}`
      return `  ${visibleText(state.address).padEnd(36)} ${state.status}${when}${who}`
    }),
    `Size: ${record.size} bytes`,
    'Headers:',
    ...(headers.unreadable === undefined ? [] : [`  (${headers.unreadable})`]),
    ...HEADER_LABELS.flatMap(([key, label]) => {
      const value = headers[key]
      return value === undefined || value === '' ? [] : [`  ${label}: ${visibleText(value)}`]
    }),
  ]

  // The narrative is one paragraph of ours; a line break in it came from the message.
  if (record.narrative !== undefined) {
    lines.push('Narrative:', ...wrap(visibleText(record.narrative), '  '))
  }
  if (record.justification !== undefined) {
    const at = record.justification.at.toISOString()
    lines.push(`Justification (${at}, by the sender):`, ...wrap(record.justification.text, '  '))
  }
  if (record.resolutionNote !== undefined) {
    lines.push(`Last note: ${visibleText(record.resolutionNote)}`)
  }

  const report = record.report as VerdictReport
  const body =
    report.reasons === undefined
      ? `Inspection failed: ${report.inspectionFailed ?? 'unknown'}\n`
      : formatReport(report)

  const events = history.map((entry) => {
    const at = entry.at.toISOString().slice(0, 19).replace('T', ' ')
    const actor = visibleText(entry.actor)
    return `  ${at}  ${entry.event.padEnd(22)} ${actor}${visibleText(detailText(entry.detail))}`
  })
  return `${lines.join('\n')}\n${body}History:\n${events.join('\n')}\n`
}

function statusLine(record: QuarantineRecord): string {
  if (record.justifyDeadline === undefined) return record.status
  const attempts =
    record.justifyAttempts === 0
      ? ''
      : `, ${record.justifyAttempts} refused repl${record.justifyAttempts === 1 ? 'y' : 'ies'}`
  return `${record.status} (justify by ${record.justifyDeadline.toISOString()}${attempts})`
}

function detailText(detail: unknown): string {
  if (typeof detail !== 'object' || detail === null) return ''
  const parts = Object.entries(detail as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
  return parts.length === 0 ? '' : `  ${parts.join(' ')}`
}

/**
 * Wraps text at `width` under an indent, keeping its own line breaks (a justification's
 * paragraphs stay apart, indented, so none can pass for a heading); other controls are escaped.
 */
function wrap(text: string, indent: string, width = 96): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean).map(visibleText)) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(`${indent}${line}`)
        line = word
      } else {
        line = line === '' ? word : `${line} ${word}`
      }
    }
    lines.push(`${indent}${line}`)
  }
  return lines
}
