// The address-area cases of shared/cases (README there) through the relay's decision path:
// C26 (a send is the envelope sender's, never a display name's or an encoded word's), C28
// (recipients only in the envelope, Bcc), and the address parts of C03 (one envelope per
// message) and C04 (an IDN recipient domain is outside). C03 over a socket, with both
// transactions and QUIT in one write, is test/pipelining.e2e.test.ts.
import { sharedPath } from '../../test/helpers/shared.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../config/index.js'
import { defaultExtractLimits } from '../extract/index.js'
import { createInProcessInspector } from '../inspect/index.js'
import { inspect, type Verdict } from '../relay.js'
import type { Envelope } from '../smtp/types.js'
import { TestHabits } from './habit-for-test.js'
import { learnSend } from './learn-send.js'

const CASES = sharedPath('cases')

interface Transaction {
  readonly envelope: Envelope
  readonly raw: Buffer
}

/** The transactions of a `.smtp` case transcript: MAIL, RCPT and the DATA each carries. */
function transactions(file: string): Transaction[] {
  const lines = readFileSync(join(CASES, file), 'latin1').replaceAll('\u001e', '').split('\r\n')
  const found: Transaction[] = []
  let mailFrom = ''
  let rcptTo: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const mail = /^MAIL FROM:<([^>]*)>/i.exec(line)
    const rcpt = /^RCPT TO:<([^>]*)>/i.exec(line)
    if (mail !== null) [mailFrom, rcptTo] = [utf8(mail[1] ?? ''), []]
    else if (rcpt !== null) rcptTo.push(utf8(rcpt[1] ?? ''))
    else if (/^DATA$/i.test(line)) {
      const end = lines.indexOf('.', i + 1)
      const data = lines.slice(i + 1, end).map((l) => (l.startsWith('..') ? l.slice(1) : l))
      const envelope = { mailFrom, rcptTo, clientAddress: '', heloName: '', tls: false }
      found.push({ envelope, raw: Buffer.from(`${data.join('\r\n')}\r\n`, 'latin1') })
      i = end
    }
  }
  return found
}

function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8')
}

let config: Config
let habits: TestHabits
const inspector = createInProcessInspector({ maxMessageDepth: 8, extract: defaultExtractLimits })

beforeAll(() => {
  const loaded = loadConfig(undefined)
  if (!loaded.ok) throw new Error('default configuration does not load')
  // expected.jsonl: the internal domain of the cases is example.com.
  config = { ...loaded.config, internalDomains: ['example.com'] }
  habits = new TestHabits(['example.com'])
})

afterAll(() => habits.close())

async function decide(transaction: Transaction): Promise<Verdict> {
  const input = {
    ref: 'mw-test',
    envelope: transaction.envelope,
    raw: transaction.raw,
    receivedAt: new Date('2024-01-02T10:00:00Z'),
  }
  return inspect(input, { config, inspector, baselines: habits.baselines })
}

describe('C26 display-name and encoded-word spoof', () => {
  const raw = () => readFileSync(join(CASES, 'C26-display-name-and-encoded-word-spoof.eml'))
  const envelope: Envelope = {
    mailFrom: 'mallory@example.com',
    rcptTo: ['desk@partner.example.net'],
    clientAddress: '',
    heloName: '',
    tls: false,
  }

  it('attributes the send to the envelope sender and learns it under that address only', async () => {
    const verdict = await decide({ envelope, raw: raw() })
    expect(verdict.features.sender).toBe('mallory@example.com')
    expect(verdict.features.observation.sender).toBe('mallory@example.com')
    // From is mallory.ext@example.net, not the envelope sender: its display name is not taken.
    expect(verdict.features.observation.senderName).toBe('')
    expect(verdict.decision.action).not.toBe('release')

    await learnSend(verdict.features, habits.baselines)
    const senders = await habits.baselines.listSenders()
    expect(senders).toContain('mallory@example.com')
    for (const fake of ['alice@example.com', 'ceo@example.com', 'mallory.ext@example.net']) {
      expect(senders).not.toContain(fake)
    }
  })

  it('never takes a display name or an encoded word for a recipient', async () => {
    const verdict = await decide({ envelope, raw: raw() })
    const addresses = verdict.features.recipients.map((recipient) => recipient.address)
    expect(addresses).toEqual(['desk@partner.example.net'])
    const observed = verdict.features.observation.recipients.map((r) => r.address)
    for (const fake of [
      'alice@example.com',
      'ceo@example.com',
      '@attacker.example.net@example.com',
    ]) {
      expect(observed).not.toContain(fake)
    }
  })
})

describe('C28 Bcc-only send to undisclosed recipients', () => {
  it('profiles every envelope recipient, Bcc ones included, and none from the empty group', async () => {
    const [transaction] = transactions('C28-bcc-only-undisclosed.smtp')
    if (transaction === undefined) throw new Error('C28 transcript has no transaction')
    const verdict = await decide(transaction)

    const recipients = verdict.features.recipients.map((r) => [r.address, r.isExternal, r.name])
    expect(recipients).toEqual([
      ['team@example.com', false, 'Team'],
      ['buyer@partner.example.net', true, ''],
      ['someone@freemail.example.org', true, ''],
    ])
    expect(verdict.features.externalRecipients).toBe(2)
    // The two outside recipients are hidden from each other: nothing is exposed.
    expect(verdict.features.measures.visibleExternal).toBe(0)
    expect(verdict.features.signals.map((s) => s.code)).not.toContain('exposed-recipients')
    expect(verdict.decision.action).not.toBe('release')
  })
})

describe('address parts of other cases', () => {
  it('C03: gives each pipelined message its own envelope recipients', async () => {
    const found = transactions('C03-pipelined-two-messages-early-quit.smtp')
    const verdicts = await Promise.all(found.map(decide))
    expect(verdicts.map((v) => v.features.recipients.map((r) => r.address))).toEqual([
      ['desk@partner.example.net'],
      ['ap@vendor.example.org'],
    ])
  })

  it('C04: counts an internationalised recipient domain as outside, in Unicode', async () => {
    const [transaction] = transactions('C04-smtputf8-8bit-headers.smtp')
    if (transaction === undefined) throw new Error('C04 transcript has no transaction')
    const verdict = await decide(transaction)
    expect(verdict.features.sender).toBe('josé@example.com')
    expect(verdict.features.recipients).toMatchObject([
      { address: 'jürgen@bücher.example', domain: 'bücher.example', isExternal: true },
    ])
  })
})
