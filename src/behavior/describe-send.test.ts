import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normalizeAddress } from '../mime/index.js'
import type { Address } from '../mime/types.js'
import { openBaselineStore } from '../store/baseline-sqlite.js'
import type { BaselineStore } from '../store/baseline-types.js'
import { describeSend, type SendInput } from './describe-send.js'
import { learnSend } from './learn-send.js'
import type { BehaviorSettings, SignalCode } from './types.js'

const SETTINGS: BehaviorSettings = {
  enabled: true,
  timeZone: 'UTC',
  workingHours: { start: 8, end: 18 },
  warmupSends: 10,
  cacheSenders: 100,
  freeMailDomains: [],
  visibleExternalLimit: 10,
}

const SENDER = 'judy.townsend@corp.example'
const MONDAY = Date.parse('2024-01-01T00:00:00Z')
const DAY = 24 * 3600 * 1000

let dir: string
let baselines: BaselineStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailward-behavior-'))
  baselines = openBaselineStore(dir, { cacheSenders: 100 })
})

afterEach(async () => {
  await baselines.close()
  rmSync(dir, { recursive: true, force: true })
})

function address(text: string): Address {
  const match = /^(?:"?([^"<]*)"?\s*<)?([^<>\s]+)>?$/.exec(text.trim())
  const parsed = normalizeAddress(match?.[2] ?? text, match?.[1]?.trim() ?? '')
  if (parsed === undefined) throw new Error(`bad test address ${text}`)
  return parsed
}

interface Send {
  to: string[]
  cc?: string[]
  bcc?: string[]
  at?: number
  attachments?: { count: number; bytes: number }
  from?: string
}

function input(send: Send): SendInput {
  const to = send.to.map(address)
  const cc = (send.cc ?? []).map(address)
  const bcc = (send.bcc ?? []).map(address)
  return {
    envelope: {
      mailFrom: send.from ?? SENDER,
      rcptTo: [...to, ...cc, ...bcc].map((a) => a.address),
      clientAddress: '',
      heloName: '',
      tls: false,
    },
    headers: { from: [address(`Judy Townsend <${send.from ?? SENDER}>`)], to, cc },
    at: new Date(send.at ?? MONDAY + 10 * 3600 * 1000),
    attachments: send.attachments ?? { count: 0, bytes: 0 },
    findings: [],
  }
}

const ctx = () => ({ internalDomains: ['corp.example'], settings: SETTINGS, baselines })

async function signalsOf(send: Send): Promise<SignalCode[]> {
  const features = await describeSend(input(send), ctx())
  return features.signals.map((signal) => signal.code)
}

/** Learns `times` weekday sends at 10:00, one a day from MONDAY. */
async function habit(send: Send, times: number, from = 0): Promise<void> {
  for (let i = from; i < from + times; i++) {
    const weekday = Math.floor(i / 5) * 7 + (i % 5)
    const at = MONDAY + weekday * DAY + 10 * 3600 * 1000
    await learnSend(await describeSend(input({ ...send, at }), ctx()), baselines)
  }
}

const LATER = MONDAY + 60 * DAY + 10 * 3600 * 1000

describe('describeSend with baselines', () => {
  it('raises nothing for a usual recipient at a usual hour', async () => {
    await habit({ to: ['Marta Lopez <marta.lopez@partner.example>'] }, 20)
    expect(await signalsOf({ to: ['marta.lopez@partner.example'], at: LATER })).toEqual([])
  })

  it('flags Martin when the sender writes to Marta every week (autocomplete mistake)', async () => {
    await habit({ to: ['Marta Lopez <marta.lopez@partner.example>'] }, 20)
    const features = await describeSend(
      input({ to: ['Martin Lopez <martin.lopez@partner.example>'], at: LATER }),
      ctx(),
    )
    const signal = features.signals.find((s) => s.code === 'lookalike-recipient')
    expect(signal?.text).toBe(
      'you have never written to martin.lopez@partner.example; you write to a similar address, ' +
        'marta.lopez@partner.example, every week',
    )
  })

  it('flags a usual name at an address never used', async () => {
    await habit({ to: ['Marta Lopez <marta.lopez@partner.example>'] }, 12)
    const signals = await signalsOf({ to: ['"Lopez, Marta" <mlopez77@mail.example>'], at: LATER })
    expect(signals).toContain('same-name-new-address')
  })

  it('does not flag a new colleague whose address merely shares the domain', async () => {
    await habit({ to: ['Marta Lopez <marta.lopez@partner.example>'] }, 12)
    const signals = await signalsOf({ to: ['Sam Okafor <sam.okafor@partner.example>'], at: LATER })
    expect(signals).not.toContain('lookalike-recipient')
    expect(signals).toContain('first-contact-recipient')
  })

  it.each([
    ['a typo', 'marta.lopez@partnre.example', 'differs by a letter or two'],
    ['a homoglyph', 'marta.lopez@pаrtner.example', 'international spelling'],
    ['a digit for a letter', 'info@partner.examp1e', 'look-alike characters'],
  ])('flags %s of a frequent domain', async (_label, to, words) => {
    await habit({ to: ['marta.lopez@partner.example', 'bo@partner.example'] }, 12)
    const features = await describeSend(input({ to: [to], at: LATER }), ctx())
    const signal = features.signals.find((s) => s.code === 'lookalike-domain')
    expect(signal?.text).toContain(words)
  })

  it('flags an outsider joining a usual group', async () => {
    const group = ['a.one@partner.example', 'b.two@partner.example', 'c.three@corp.example']
    await habit({ to: group }, 12)
    const signals = await signalsOf({ to: [...group, 'zed@elsewhere.example'], at: LATER })
    expect(signals).toContain('odd-group-member')
  })

  it('does not flag a colleague of the group joining it', async () => {
    const group = ['a.one@partner.example', 'b.two@partner.example', 'c.three@corp.example']
    await habit({ to: group }, 12)
    const signals = await signalsOf({ to: [...group, 'd.four@partner.example'], at: LATER })
    expect(signals).not.toContain('odd-group-member')
  })

  it('flags personal webmail resembling the sender until it is a habit', async () => {
    await habit({ to: ['marta.lopez@partner.example'] }, 12)
    expect(await signalsOf({ to: ['jtownse@yahoo.com'], at: LATER })).toContain('personal-webmail')

    await habit({ to: ['jtownse@yahoo.com'] }, 3, 12)
    expect(await signalsOf({ to: ['jtownse@yahoo.com'], at: LATER })).not.toContain(
      'personal-webmail',
    )
    const withFile = { to: ['jtownse@yahoo.com'], at: LATER, attachments: { count: 1, bytes: 9 } }
    expect(await signalsOf(withFile)).not.toContain('personal-webmail')
  })

  it('does not take an unrelated free-mail address for the sender', async () => {
    await habit({ to: ['marta.lopez@partner.example'] }, 12)
    expect(await signalsOf({ to: ['kim.park@yahoo.com'], at: LATER })).not.toContain(
      'personal-webmail',
    )
  })

  it('flags many outside addresses visible in To', async () => {
    const to = Array.from({ length: 12 }, (_, i) => `person${i}@org${i % 4}.example`)
    expect(await signalsOf({ to })).toContain('exposed-recipients')
    expect(await signalsOf({ to: ['x@corp.example'], bcc: to })).not.toContain('exposed-recipients')
  })

  it('flags a Sunday 03:00 send from a weekday-daytime sender', async () => {
    await habit({ to: ['marta.lopez@partner.example'] }, 30)
    const sunday = MONDAY + 62 * DAY + 3 * 3600 * 1000
    expect(await signalsOf({ to: ['marta.lopez@partner.example'], at: sunday })).toEqual([
      'unusual-hour',
    ])
  })

  it('flags attachments far beyond the habit', async () => {
    await habit(
      { to: ['marta.lopez@partner.example'], attachments: { count: 1, bytes: 40_000 } },
      20,
    )
    const big = {
      to: ['marta.lopez@partner.example'],
      at: LATER,
      attachments: { count: 3, bytes: 9e6 },
    }
    const features = await describeSend(input(big), ctx())
    const signal = features.signals.find((s) => s.code === 'unusual-volume')
    expect(signal?.text).toBe(
      'this send carries 9.0 MB of attachments; you usually send at most 40 kB',
    )
  })

  it('keeps learned habits across a restart', async () => {
    await habit({ to: ['marta.lopez@partner.example'] }, 12)
    await baselines.close()
    baselines = openBaselineStore(dir, { cacheSenders: 100 })

    const known = await baselines.sender(SENDER)
    expect(known?.sends).toBe(12)
    expect(known?.recipients.get('marta.lopez@partner.example')?.count).toBe(12)
    expect((await baselines.org()).domains.get('partner.example')?.senders).toBe(1)
  })
})

describe('describeSend without history', () => {
  it('describes recipients from the envelope, never from header names', async () => {
    const features = await describeSend(
      input({ to: ['"alice@corp.example" <mallory@partner.example>'] }),
      { internalDomains: ['corp.example'], settings: SETTINGS, baselines: undefined },
    )
    expect(features.recipients.map((r) => [r.address, r.isExternal])).toEqual([
      ['mallory@partner.example', true],
    ])
    expect(features.signals).toEqual([])
  })

  it('uses organisation priors for a sender without history (cold start)', async () => {
    await habit({ from: 'other@corp.example', to: ['x@known.example'] }, 60)
    const cold = { from: 'new.person@corp.example', at: LATER }
    expect(await signalsOf({ ...cold, to: ['y@known.example'] })).toEqual([])
    expect(await signalsOf({ ...cold, to: ['y@unknown.example'] })).toEqual([
      'first-contact-recipient',
      'first-contact-domain',
    ])
  })
})
