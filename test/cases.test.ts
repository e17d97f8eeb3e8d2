// The hostile and tricky inputs of shared/cases, run through the relay over SMTP and checked
// against expected.jsonl. Each case is one test named after its id and file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestRelay, type TestRelay } from './helpers/relay.js'
import { replaySmtp, sendRaw } from './helpers/clients.js'
import { sharedPath } from './helpers/shared.js'
import type { QuarantineRecord } from '../src/store/types.js'
import type { VerdictReport } from '../src/actions/index.js'

interface Expect {
  smtp_reply_class?: string
  smtp_reply_codes_in_order?: string[]
  min_findings?: Record<string, number>
  min_findings_any_of?: Record<string, number>[]
  must_not_find?: string[]
  verdict?: string
  verdict_not?: string
  verdict_in?: string[]
  forwarded_max?: number
  forwarded_rcpt_must_not_include?: string[]
  forwarded_bytes_checks?: string[]
  if_accepted?: Expect
  max_seconds?: number
  attachment_names_include?: string[]
  attributed_sender?: string
  notification_recipients_only?: string[]
  notifications_must_not_contain?: string[]
  policy_recipients_exact?: string[]
  recipient_class?: Record<string, 'internal' | 'external'>
  messages?: {
    message_id: string
    verdict?: string
    verdict_not?: string
    envelope_rcpt_exact: string[]
    min_findings?: Record<string, number>
  }[]
}

interface CaseEntry {
  case: string
  file: string
  generates?: string[]
  area: string
  envelope?: { mail_from: string; rcpt_to: string[] }
  expect: Expect
}

const CASES = readFileSync(sharedPath('cases', 'expected.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as CaseEntry)

const DEFAULT_ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }

/**
 * Cases whose behaviour needs work that has not landed yet. They run with `it.fails`, so the
 * day one starts passing the suite says so and the entry must go.
 */
const PENDING: Record<string, string> = {}

/** What the relay did with one message, gathered from the reply, the log, quarantine and sink. */
interface Observed {
  reply: string
  code: number
  seconds: number
  decisions: Record<string, unknown>[]
  held: QuarantineRecord[]
  forwarded: { mailFrom: string; rcptTo: string[]; raw: Buffer }[]
  notices: { mailFrom: string; rcptTo: string[]; raw: Buffer }[]
}

describe('shared cases', () => {
  let relay: TestRelay

  beforeAll(async () => {
    // C05 sends 3 MiB; the relay's limit is lowered below it to keep the test small.
    relay = await startTestRelay({ limits: { maxMessageBytes: 2 * 1024 * 1024, workers: 2 } })
  })
  afterAll(() => relay.stop())

  for (const entry of CASES) {
    const name = `${entry.case} ${entry.file} (${entry.area})`
    const test = PENDING[entry.case] === undefined ? it : it.fails
    test(
      name,
      async () => {
        const observed = await runCase(relay, entry)
        checkExpectations(entry, entry.expect, observed)
      },
      120_000,
    )
  }
})

async function runCase(relay: TestRelay, entry: CaseEntry): Promise<Observed> {
  const sinkBefore = relay.sink?.messages().length ?? 0
  const logBefore = relay.logLines.length
  const heldBefore = new Set(
    (await relay.relay.store.listQuarantined({})).map((record) => record.id),
  )
  const started = Date.now()

  let reply = ''
  let code = 0
  if (entry.file.endsWith('.smtp') || entry.case === 'C05') {
    const file = entry.case === 'C05' ? generateOversize() : sharedPath('cases', entry.file)
    const result = await replaySmtp(relay.port, file)
    reply = result.codes.join(' ')
    code = Number(lastDataReply(result.codes))
  } else {
    const file = entry.generates?.[0]?.split(' ')[0] ?? entry.file
    const raw = readFileSync(sharedPath('cases', file))
    const envelope =
      entry.envelope === undefined
        ? DEFAULT_ENVELOPE
        : { from: entry.envelope.mail_from, to: entry.envelope.rcpt_to }
    const result = await sendRaw(relay.port, envelope, raw)
    reply = result.response
    code = result.code
  }
  const seconds = (Date.now() - started) / 1000

  // Notices are queued and sent by the outbox; give it a moment to drain.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const delivered = (relay.sink?.messages() ?? []).slice(sinkBefore)
  const held = (await relay.relay.store.listQuarantined({})).filter(
    (record) => !heldBefore.has(record.id),
  )
  const decisions = relay.logLines
    .slice(logBefore)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.event === 'message.decided')

  return {
    reply,
    code,
    seconds,
    decisions,
    held,
    forwarded: delivered.filter((message) => message.mailFrom !== ''),
    notices: delivered.filter((message) => message.mailFrom === ''),
  }
}

function checkExpectations(entry: CaseEntry, expected: Expect, observed: Observed): void {
  const accepted = observed.code >= 200 && observed.code < 300

  if (expected.smtp_reply_class !== undefined) {
    const classes = expected.smtp_reply_class.split('|')
    expect(classes, `reply ${observed.reply}`).toContain(`${String(observed.code).charAt(0)}xx`)
  }
  if (expected.smtp_reply_codes_in_order !== undefined) {
    const codes = observed.reply.split(' ')
    expected.smtp_reply_codes_in_order.forEach((want, index) => {
      const alternatives = want.split('|')
      const got = codes[index] ?? ''
      expect(
        alternatives.some(
          (alt) => alt === got || (alt.endsWith('xx') && got.startsWith(alt.charAt(0))),
        ),
        `reply ${index}: ${codes.join(' ')}`,
      ).toBe(true)
    })
  }
  if (expected.max_seconds !== undefined)
    expect(observed.seconds).toBeLessThanOrEqual(expected.max_seconds)

  const forwardedCount = observed.forwarded.length
  if (expected.forwarded_max !== undefined)
    expect(forwardedCount).toBeLessThanOrEqual(expected.forwarded_max)
  for (const rcpt of expected.forwarded_rcpt_must_not_include ?? []) {
    expect(observed.forwarded.flatMap((message) => message.rcptTo)).not.toContain(rcpt)
  }
  for (const check of expected.forwarded_bytes_checks ?? []) {
    for (const message of observed.forwarded) checkBytes(check, message.raw)
  }

  if (expected.messages !== undefined) return checkMessages(expected.messages, observed)
  if (expected.if_accepted !== undefined && accepted)
    checkExpectations(entry, expected.if_accepted, observed)

  const decision = observed.decisions[observed.decisions.length - 1]
  const needsDecision =
    expected.min_findings !== undefined ||
    expected.min_findings_any_of !== undefined ||
    expected.verdict_not !== undefined ||
    expected.verdict_in !== undefined
  if (needsDecision && !accepted) {
    // A deliberate refusal (5xx) is allowed where the reply class admits it; nothing was released.
    expect(expected.smtp_reply_class ?? '', `refused with ${observed.reply}`).toContain('5xx')
    expect(forwardedCount).toBe(0)
    return
  }
  if (!needsDecision) return

  expect(decision, 'a message.decided log line').toBeDefined()
  const action = String(decision?.action)
  const counts = (decision?.categories ?? {}) as Record<string, number>
  if (expected.verdict_not !== undefined) expect(action).not.toBe(expected.verdict_not)
  if (expected.verdict_in !== undefined) expect(expected.verdict_in).toContain(action)
  if (expected.verdict !== undefined) expect(action).toBe(expected.verdict)
  for (const [category, min] of Object.entries(expected.min_findings ?? {})) {
    expect(
      counts[category] ?? 0,
      `${category} in ${JSON.stringify(counts)}`,
    ).toBeGreaterThanOrEqual(min)
  }
  if (expected.min_findings_any_of !== undefined) {
    const satisfied = expected.min_findings_any_of.some((set) =>
      Object.entries(set).every(([category, min]) => (counts[category] ?? 0) >= min),
    )
    expect(
      satisfied,
      `one of ${JSON.stringify(expected.min_findings_any_of)} in ${JSON.stringify(counts)}`,
    ).toBe(true)
  }

  const record = observed.held[observed.held.length - 1]
  const report = record?.report as VerdictReport | undefined
  for (const digits of expected.must_not_find ?? []) {
    const masks = (report?.findings ?? []).map((finding) => finding.masked.replace(/\D/g, ''))
    expect(
      masks.some(
        (mask) =>
          mask.length >= 8 &&
          digits.startsWith(mask.slice(0, 4)) &&
          digits.endsWith(mask.slice(-4)),
      ),
    ).toBe(false)
  }
  for (const name of expected.attachment_names_include ?? []) {
    expect((report?.parts ?? []).map((part) => part.filename)).toContain(name)
  }
  if (expected.attributed_sender !== undefined)
    expect(record?.sender).toBe(expected.attributed_sender)
  if (expected.policy_recipients_exact !== undefined) {
    expect([...(record?.recipients ?? [])].sort()).toEqual(
      [...expected.policy_recipients_exact].sort(),
    )
  }
  if (expected.notification_recipients_only !== undefined) {
    expect(observed.notices.length).toBeGreaterThan(0)
    for (const notice of observed.notices)
      expect(expected.notification_recipients_only).toEqual(expect.arrayContaining(notice.rcptTo))
  }
  for (const value of expected.notifications_must_not_contain ?? []) {
    for (const notice of observed.notices) expect(decodeNotice(notice.raw)).not.toContain(value)
  }
}

function checkMessages(messages: NonNullable<Expect['messages']>, observed: Observed): void {
  for (const wanted of messages) {
    const forwarded = observed.forwarded.find((message) => message.raw.includes(wanted.message_id))
    const held = observed.held.find((record) => record.messageId === wanted.message_id)
    const action = forwarded !== undefined ? 'release' : held?.action
    expect(action, `${wanted.message_id} was neither forwarded nor held`).toBeDefined()
    if (wanted.verdict !== undefined) expect(action).toBe(wanted.verdict)
    if (wanted.verdict_not !== undefined) expect(action).not.toBe(wanted.verdict_not)
    const rcpts = forwarded?.rcptTo ?? held?.recipients ?? []
    expect([...rcpts].sort()).toEqual([...wanted.envelope_rcpt_exact].sort())
  }
}

function checkBytes(check: string, raw: Buffer): void {
  const text = raw.toString('latin1')
  if (check === 'no_bare_lf') expect(/(^|[^\r])\n/.test(text)).toBe(false)
  if (check === 'no_bare_cr') expect(/\r(?!\n)/.test(text)).toBe(false)
  // The stored copy is after SMTP un-stuffing; a line that is a lone dot would have ended DATA.
  if (check === 'dot_stuffed') expect(/\r\n\.\r\n/.test(text)).toBe(false)
}

/** Notices are quoted-printable; undo soft line breaks so masked values are checked whole. */
function decodeNotice(raw: Buffer): string {
  return raw
    .toString('utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

function lastDataReply(codes: string[]): string {
  // The reply to end of data precedes the final 221 (QUIT); with no QUIT reply, it is last.
  const last = codes[codes.length - 1]
  return last === '221' ? (codes[codes.length - 2] ?? '0') : (last ?? '0')
}

function generateOversize(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailward-c05-'))
  const out = join(dir, 'C05-oversize-data.smtp')
  execFileSync('python3', [sharedPath('cases', 'C05-oversize-data.py'), '--mib', '3', '--out', out])
  return out
}
