// The sender's side of the loop over real SMTP: a justify hold, its notice in the sink, the
// sender's reply sent back through the relay (as Exchange Online would route it), and what
// forged, replayed, foreign, trivial and late replies do: nothing but an audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simpleParser } from 'mailparser'
import { readTopHeader } from '../src/smtp/raw-header.js'
import { baselinesFor } from '../src/behavior/index.js'
import { startTestRelay, type SinkMessage, type TestRelay, type TestSink } from './helpers/relay.js'
import { sendRaw, swaks } from './helpers/clients.js'
import { mailward } from './helpers/cli.js'

const IBAN = 'GB82 WEST 1234 5698 7654 32'
const SENDER = 'alice@example.com'
const RECIPIENT = 'desk@partner.example.net'
const REASON = 'Finance asked me to send the supplier account for the March payment run.'

const JUSTIFY_POLICY = {
  policy: {
    rules: [
      { name: 'iban-leaving', categories: ['IBAN'], externalRecipients: true, action: 'justify' },
    ],
  },
}

function noticeKind(message: SinkMessage): string | undefined {
  return readTopHeader(message.raw, 'x-mailward-notice')
}

function isNotice(kind: string, ref: string) {
  return (message: SinkMessage) =>
    noticeKind(message) === kind && readTopHeader(message.raw, 'x-mailward-ref') === ref
}

let cases = 0

/** Copies of the held message marked `marker` that reached `RECIPIENT` (notices excluded). */
function deliveriesOf(sink: TestSink, marker: string): SinkMessage[] {
  return sink
    .messages()
    .filter((message) => noticeKind(message) === undefined && message.rcptTo.includes(RECIPIENT))
    .filter((message) => message.raw.includes(marker))
}

/** Sends a message that policy holds for justification; returns its ref and reply address. */
async function holdForJustification(relay: TestRelay, headers: string[] = []) {
  const marker = `case-${++cases}-${Date.now()}`
  const sent = await swaks(relay.port, [
    '--from',
    SENDER,
    '--to',
    RECIPIENT,
    ...headers.flatMap((header) => ['--add-header', header]),
    '--header',
    `Subject: supplier details ${marker}`,
    '--body',
    `Hello, please pay the supplier, IBAN ${IBAN}, by Friday.`,
  ])
  expect(sent.code).toBe(250)
  const ref = /held for review \(ref (mw-[a-z2-7]+)\)/.exec(sent.transcript)?.[1] as string

  const sink = relay.sink as TestSink
  const notice = await sink.waitFor(`justify notice for ${ref}`, isNotice('justify', ref))
  const parsed = await simpleParser(notice.raw)
  const replyAddress = parsed.replyTo?.value[0]?.address as string
  return { ref, notice, parsed, replyAddress, marker }
}

/** A reply as a mail client writes it: own text on top, the notice quoted below. */
function replyMessage(to: string, text: string, extraHeaders: string[] = []): string {
  return [
    `From: Alice <${SENDER}>`,
    `To: ${to}`,
    'Subject: RE: [mailward] Your message waits for a reason before it is sent',
    ...extraHeaders,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
    'On Tue, 3 Dec 2026 at 21:00, mailward <mailward@localhost> wrote:',
    '> Your message has not been sent yet.',
    '',
  ].join('\r\n')
}

function reply(relay: TestRelay, to: string, text: string, from = SENDER, headers: string[] = []) {
  return sendRaw(relay.port, { from, to: [to] }, replyMessage(to, text, headers))
}

async function statusOf(relay: TestRelay, ref: string): Promise<string | undefined> {
  return (await relay.relay.store.getQuarantined(ref))?.status
}

async function ignoredReasons(relay: TestRelay, ref: string): Promise<unknown[]> {
  const rows = await relay.relay.store.auditFor(ref)
  return rows
    .filter((row) => row.event === 'justification.ignored')
    .map((row) => (row.detail as { reason: string }).reason)
}

describe('justification by reply', () => {
  let relay: TestRelay
  let sink: TestSink

  beforeAll(async () => {
    relay = await startTestRelay({
      ...JUSTIFY_POLICY,
      notices: { securityContact: 'security@example.com' },
    })
    sink = relay.sink as TestSink
  })
  afterAll(() => relay.stop())

  it("releases a justify-held message when the sender's reply comes back through the relay", async () => {
    const { ref, parsed, replyAddress, marker } = await holdForJustification(relay)

    // The notice asks for a reply, shows the data only masked, and nothing has gone out.
    expect(replyAddress).toMatch(
      new RegExp(`^justify\\+${ref}\\.[a-z2-7]{26}@mailward\\.localhost$`),
    )
    expect(parsed.text).toContain('reply to this message')
    expect(parsed.text).not.toContain(IBAN)
    expect(parsed.text).not.toContain(IBAN.replace(/ /g, ''))
    expect(deliveriesOf(sink, marker)).toHaveLength(0)
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')

    const answered = await reply(relay, replyAddress, REASON)
    expect(answered.code).toBe(250)
    expect(answered.response).toMatch(/2\.0\.0 Reply received \(ref mw-/)

    const delivered = await sink.waitFor('the released message', (m) =>
      deliveriesOf(sink, marker).some((d) => d.raw.equals(m.raw)),
    )
    expect(delivered.raw.toString('utf8')).toContain(`IBAN ${IBAN}`)
    expect(delivered.mailFrom).toBe(SENDER)
    await sink.waitFor('the release confirmation', isNotice('released', ref))

    // The reply itself went nowhere; its text is stored without the quoted notice.
    expect(
      sink.messages().some((m) => m.rcptTo.some((r) => r.endsWith('@mailward.localhost'))),
    ).toBe(false)
    const record = await relay.relay.store.getQuarantined(ref)
    expect(record).toMatchObject({ status: 'released', justification: { text: REASON } })
    const events = (await relay.relay.store.auditFor(ref)).map((row) => row.event)
    expect(events).toEqual(expect.arrayContaining(['message.justified', 'message.released']))
    expect(relay.logLines.join('\n')).not.toContain('supplier account')

    // The justified send is part of Alice's habit now: the recipient is no longer new.
    const baselines = baselinesFor(relay.dataDir, relay.config.behavior)
    const habit = await baselines?.sender(SENDER)
    expect(habit?.recipients.get(RECIPIENT)?.count).toBe(1)

    // The same reply again (a replay, or Exchange retrying) changes nothing.
    const again = await reply(relay, replyAddress, REASON)
    expect(again.code).toBe(250)
    await relay.relay.outbox.runOnce()
    expect(deliveriesOf(sink, marker)).toHaveLength(1)
    expect(await ignoredReasons(relay, ref)).toEqual(['already-decided'])
  })

  it('releases nothing for forged, made-up, malformed or other-sender replies, and records each', async () => {
    const { ref, replyAddress, marker } = await holdForJustification(relay)
    const forgedMac = replyAddress.replace(
      /\.([a-z2-7])/,
      (_, c: string) => `.${c === 'a' ? 'b' : 'a'}`,
    )
    const madeUp = 'justify+mw-aaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaa@mailward.localhost'
    const plea = 'Please let this one through, the customer is waiting for it today.'

    const results = [
      await reply(relay, forgedMac, plea),
      await reply(relay, replyAddress, plea, 'mallory@example.com'),
      await reply(relay, madeUp, plea),
      await reply(relay, 'postmaster@mailward.localhost', plea),
    ]
    // Every reply gets the same answer: nothing tells a guesser which addresses are real.
    expect(results.map((result) => result.code)).toEqual([250, 250, 250, 250])

    expect(await statusOf(relay, ref)).toBe('awaiting-justification')
    await relay.relay.outbox.runOnce()
    expect(deliveriesOf(sink, marker)).toHaveLength(0)
    expect(await ignoredReasons(relay, ref)).toEqual(['bad-mac', 'wrong-sender'])
    const all = await relay.relay.store.auditLog()
    const unattributed = all.filter(
      (row) => row.event === 'justification.ignored' && row.ref !== ref,
    )
    expect(unattributed.map((row) => (row.detail as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['unknown-message', 'malformed-address']),
    )
    expect(relay.logLines.join('\n')).not.toContain('customer is waiting')
  })

  it('records a forged reply to hundreds of made-up addresses in one audit row per reason', async () => {
    const { ref, replyAddress } = await holdForJustification(relay)
    const madeUp = Array.from(
      { length: 150 },
      (_, i) =>
        `justify+mw-${'a'.repeat(12)}${String(i)
          .padStart(4, '0')
          .replace(
            /\d/g,
            (d) => 'abcdefghij'[Number(d)] ?? 'a',
          )}.${'a'.repeat(26)}@mailward.localhost`,
    )
    const malformed = Array.from({ length: 50 }, (_, i) => `justify+junk${i}@mailward.localhost`)
    const before = (await relay.relay.store.auditLog()).length
    const plea = 'Please let this one through, the customer is waiting for it today.'

    const to = [...madeUp, ...malformed, replyAddress, replyAddress]
    const sent = await sendRaw(
      relay.port,
      { from: 'mallory@example.com', to },
      replyMessage(replyAddress, plea),
    )
    expect(sent.code).toBe(250)

    const rows = (await relay.relay.store.auditLog()).slice(before)
    const ignored = rows.filter((row) => row.event === 'justification.ignored')
    const details = ignored.map((row) => [row.ref, row.detail] as const)
    expect(details).toHaveLength(3)
    expect(details).toContainEqual([
      undefined,
      expect.objectContaining({ reason: 'unknown-message', count: 150 }),
    ])
    expect(details).toContainEqual([
      undefined,
      expect.objectContaining({ reason: 'malformed-address', count: 50 }),
    ])
    // The real message's address, given twice, is judged once: the wrong sender.
    expect(await ignoredReasons(relay, ref)).toEqual(['wrong-sender'])
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')

    // The real id with some 200 wrong macs: one row for the message, with the count.
    const forged = Array.from({ length: 200 }, (_, i) =>
      replyAddress.replace(
        /\.[a-z2-7]{4}/,
        `.${'abcdefghijklmnopqrstuvwxyz234567'[i % 32] ?? 'a'}${'bcdefghijklmnopqrstuvwxyz234567a'[Math.floor(i / 32)] ?? 'a'}aa`,
      ),
    )
    const wrong = forged.filter((address) => address !== replyAddress)
    const rowsBefore = (await relay.relay.store.auditFor(ref)).length
    const flood = await sendRaw(
      relay.port,
      { from: SENDER, to: forged },
      replyMessage(replyAddress, plea),
    )
    expect(flood.code).toBe(250)
    const added = (await relay.relay.store.auditFor(ref)).slice(rowsBefore)
    expect(added.map((row) => [row.event, row.detail])).toEqual([
      [
        'justification.ignored',
        expect.objectContaining({ reason: 'bad-mac', count: wrong.length }),
      ],
    ])
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')
  })

  it('refuses an empty or trivial justification with a new notice, then accepts a real one', async () => {
    const { ref, replyAddress, marker } = await holdForJustification(relay)

    expect((await reply(relay, replyAddress, 'ok')).code).toBe(250)
    const refused = await sink.waitFor('a refusal notice', isNotice('justification-refused', ref))
    const refusal = await simpleParser(refused.raw)
    expect(refusal.text).toContain('does not say why the message should go out')
    expect(refusal.replyTo?.value[0]?.address).toBe(replyAddress)

    // Only the signature and the quoted notice: nothing of the sender's own.
    expect((await reply(relay, replyAddress, '-- \nAlice Example\nSales')).code).toBe(250)
    expect((await reply(relay, replyAddress, 'asdf')).code).toBe(250)
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')
    expect((await relay.relay.store.getQuarantined(ref))?.justifyAttempts).toBe(3)
    await relay.relay.outbox.runOnce()
    expect(deliveriesOf(sink, marker)).toHaveLength(0)

    expect((await reply(relay, replyAddress, REASON)).code).toBe(250)
    await sink.waitFor('the release confirmation', isNotice('released', ref))
    expect(await statusOf(relay, ref)).toBe('released')
    expect(deliveriesOf(sink, marker)).toHaveLength(1)
  })

  it('ignores an automatic reply (out of office) to the reply address', async () => {
    const { ref, replyAddress } = await holdForJustification(relay)
    const away = 'I am out of the office until Monday and will answer your message then.'

    const result = await reply(relay, replyAddress, away, SENDER, ['Auto-Submitted: auto-replied'])
    expect(result.code).toBe(250)
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')
    expect(await ignoredReasons(relay, ref)).toEqual(['auto-reply'])
  })

  // Without Auto-Submitted or X-Autoreply, an out-of-office text was judged as a reason and
  // released the message.
  it('refuses an out-of-office text sent without auto-reply headers, and says why', async () => {
    const { ref, replyAddress, marker } = await holdForJustification(relay)
    const away = 'I am out of the office until Monday and will answer your message then.'

    expect((await reply(relay, replyAddress, away)).code).toBe(250)
    const refused = await sink.waitFor('a refusal notice', isNotice('justification-refused', ref))
    expect((await simpleParser(refused.raw)).text).toContain('automatic out-of-office message')
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')
    expect(deliveriesOf(sink, marker)).toHaveLength(0)
    const rows = await relay.relay.store.auditFor(ref)
    const refusal = rows.find((row) => row.event === 'justification.refused')
    expect(refusal?.detail).toMatchObject({ reason: 'out-of-office' })
  })

  it('a reply after the deadline releases nothing: the message expires and the sender is told', async () => {
    const { ref, replyAddress } = await holdForJustification(relay)
    relay.advanceClock(73 * 3600 * 1000)
    try {
      expect((await reply(relay, replyAddress, REASON)).code).toBe(250)
      const expired = await sink.waitFor('an expiry notice', isNotice('expired', ref))
      expect((await simpleParser(expired.raw)).text).toContain('so it was not sent to')
      expect(await statusOf(relay, ref)).toBe('expired')
      expect(await ignoredReasons(relay, ref)).toEqual(['expired'])
    } finally {
      relay.advanceClock(-73 * 3600 * 1000)
    }
  })

  it('the sweep expires a hold whose deadline passed without a reply', async () => {
    const { ref } = await holdForJustification(relay)
    relay.advanceClock(72 * 3600 * 1000)
    try {
      const report = await relay.relay.sweeper.sweepNow()
      expect(report.expired).toContain(ref)
      await sink.waitFor('an expiry notice', isNotice('expired', ref))
      expect(await statusOf(relay, ref)).toBe('expired')
    } finally {
      relay.advanceClock(-72 * 3600 * 1000)
    }
  })

  // `quarantine show` printed the message's control characters as they were: a Subject, a From
  // name and a justification forged a "Narrative:" line and cleared the operator's screen.
  it('quarantine show escapes control characters from the subject, the From name and the justification', async () => {
    const subject = 'hello\r\nNarrative:\r\n  nothing to see\x1b[2J'
    const name = 'Alice\x1b[2J\x1b[1;1H\u202eecnaniF'
    const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`
    const raw = [
      `From: ${encoded(name)} <${SENDER}>`,
      `To: ${RECIPIENT}`,
      `Subject: ${encoded(subject)}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Hello, please pay the supplier, IBAN ${IBAN}, by Friday.`,
      '',
    ].join('\r\n')
    const sent = await sendRaw(relay.port, { from: SENDER, to: [RECIPIENT] }, raw)
    const ref = /held for review \(ref (mw-[a-z2-7]+)\)/.exec(sent.response)?.[1] as string
    const notice = await sink.waitFor('the justify notice', isNotice('justify', ref))
    const replyAddress = (await simpleParser(notice.raw)).replyTo?.value[0]?.address as string
    const justification = `${REASON}\x1b[2J\x1b[1;1H`
    expect((await reply(relay, replyAddress, justification)).code).toBe(250)
    await sink.waitFor('the release confirmation', isNotice('released', ref))

    const shown = await mailward(['quarantine', 'show', ref, '--data', relay.dataDir])
    expect(shown.code).toBe(0)
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(shown.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)
    expect(shown.stdout).toContain(
      '  Subject: hello\\r\\nNarrative:\\r\\n  nothing to see\\x1b[2J\n',
    )
    expect(shown.stdout).toContain(`  From: "Alice\\x1b[2J\\x1b[1;1H\\u202eecnaniF" <${SENDER}>`)
    expect(shown.stdout).toContain(`  ${REASON}\\x1b[2J\\x1b[1;1H\n`)
    expect(shown.stdout.split('\n').filter((line) => line.startsWith('Narrative:'))).toHaveLength(1)

    // JSON stays JSON: the same text, escaped the way JSON escapes it.
    const json = await mailward(['quarantine', 'show', ref, '--json', '--data', relay.dataDir])
    const parsed = JSON.parse(json.stdout) as {
      headers: { subject: string }
      justification: { text: string }
    }
    expect(parsed.headers.subject).toBe(subject)
    expect(parsed.justification.text).toBe(justification)
  })

  it('consumes the reply part of a transaction and inspects its other recipients as usual', async () => {
    const { ref, replyAddress } = await holdForJustification(relay)
    const colleague = 'bob@example.com'
    const raw = replyMessage(replyAddress, REASON)

    const result = await sendRaw(relay.port, { from: SENDER, to: [replyAddress, colleague] }, raw)
    expect(result.code).toBe(250)
    const copy = await sink.waitFor('the copy to the colleague', (m) =>
      m.rcptTo.includes(colleague),
    )
    expect(copy.rcptTo).toEqual([colleague])
    await sink.waitFor('the release confirmation', isNotice('released', ref))
  })
})

describe('justification by reply with a tenant allow-list', () => {
  const TENANT = '3dd8961f-e488-4e60-8e11-a82d994e183d'
  const OTHER_TENANT = '0f3c2b1a-0000-4000-8000-000000000002'
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startTestRelay({ ...JUSTIFY_POLICY, tenants: [TENANT, OTHER_TENANT] })
  })
  afterAll(() => relay.stop())

  it('accepts the reply only from the tenant the held message came from', async () => {
    const { ref, replyAddress, marker } = await holdForJustification(relay, [
      `X-MS-Exchange-CrossTenant-Id: ${TENANT}`,
    ])

    // No tenant header: refused at the door like any mail that is not from a listed tenant.
    const untagged = await reply(relay, replyAddress, REASON)
    expect(untagged.code).toBe(550)

    const foreign = await reply(relay, replyAddress, REASON, SENDER, [
      `X-MS-Exchange-CrossTenant-Id: ${OTHER_TENANT}`,
    ])
    expect(foreign.code).toBe(250)
    expect(await statusOf(relay, ref)).toBe('awaiting-justification')
    expect(await ignoredReasons(relay, ref)).toEqual(['wrong-tenant'])

    const own = await reply(relay, replyAddress, REASON, SENDER, [
      `X-MS-Exchange-CrossTenant-Id: ${TENANT.toUpperCase()}`,
    ])
    expect(own.code).toBe(250)
    const sink = relay.sink as TestSink
    await sink.waitFor(
      'the released message',
      (m) => m.raw.includes(marker) && m.rcptTo.includes(RECIPIENT),
    )
    expect(await statusOf(relay, ref)).toBe('released')
  })
})

describe('the CLI sweep', () => {
  it('expires a hold whose deadline has passed and sends the expiry notice', async () => {
    // Held with a clock 73 hours behind, so its deadline is already past in real time.
    const relay = await startTestRelay(JUSTIFY_POLICY, { clockOffsetMs: -73 * 3600 * 1000 })
    try {
      const { ref } = await holdForJustification(relay)
      const nextHop = `127.0.0.1:${(relay.sink as TestSink).port}`

      const swept = await mailward(['sweep', '--data', relay.dataDir, '--next-hop', nextHop])
      expect(swept.code).toBe(0)
      expect(swept.stdout).toContain(`expired 1 (${ref})`)
      await (relay.sink as TestSink).waitFor('an expiry notice', isNotice('expired', ref))
      expect(await statusOf(relay, ref)).toBe('expired')
    } finally {
      await relay.stop()
    }
  })
})
