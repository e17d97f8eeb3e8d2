// Test support: sends written as short address strings, a sender habit learned from them in a
// temporary baseline store, and the signals a new send raises against it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Finding } from '../detect/types.js'
import { normalizeAddress } from '../mime/index.js'
import type { Address } from '../mime/types.js'
import { openBaselineStore } from '../store/baseline-sqlite.js'
import type { BaselineStore } from '../store/baseline-types.js'
import { describeSend, type SendInput } from './describe-send.js'
import { learnSend } from './learn-send.js'
import type { BehaviorSettings, SendFeatures, SignalCode } from './types.js'

export const SETTINGS: BehaviorSettings = {
  enabled: true,
  timeZone: 'UTC',
  workingHours: { start: 8, end: 18 },
  warmupSends: 10,
  cacheSenders: 100,
  freeMailDomains: [],
  visibleExternalLimit: 10,
}

export const SENDER = 'judy.townsend@corp.example'
export const INTERNAL = ['corp.example']
export const MONDAY = Date.parse('2024-01-01T00:00:00Z')
export const DAY = 24 * 3600 * 1000
export const HOUR = 3600 * 1000

/** A weekday at 10:00 UTC, sixty days after MONDAY: after any habit learned below. */
export const LATER = MONDAY + 60 * DAY + 10 * HOUR

export interface Send {
  /** `Name <address>` or `address`. */
  readonly to: readonly string[]
  readonly cc?: readonly string[]
  readonly bcc?: readonly string[]
  readonly at?: number
  readonly attachments?: { readonly count: number; readonly bytes: number }
  readonly from?: string
  readonly fromName?: string
  readonly findings?: readonly Finding[]
}

export function address(text: string): Address {
  const match = /^(?:"?([^"<]*)"?\s*<)?([^<>\s]+)>?$/.exec(text.trim())
  const parsed = normalizeAddress(match?.[2] ?? text, match?.[1]?.trim() ?? '')
  if (parsed === undefined) throw new Error(`bad test address ${text}`)
  return parsed
}

export function sendInput(send: Send): SendInput {
  const to = send.to.map(address)
  const cc = (send.cc ?? []).map(address)
  const bcc = (send.bcc ?? []).map(address)
  const from = send.from ?? SENDER
  return {
    envelope: {
      mailFrom: from,
      rcptTo: [...to, ...cc, ...bcc].map((a) => a.address),
      clientAddress: '',
      heloName: '',
      tls: false,
    },
    headers: { from: [address(`${send.fromName ?? 'Judy Townsend'} <${from}>`)], to, cc },
    at: new Date(send.at ?? LATER),
    attachments: send.attachments ?? { count: 0, bytes: 0 },
    findings: send.findings ?? [],
  }
}

/** A baseline store in a temporary folder, and the sender habits learned into it. */
export class TestHabits {
  readonly dir = mkdtempSync(join(tmpdir(), 'mailward-habit-'))
  baselines: BaselineStore = openBaselineStore(this.dir, { cacheSenders: 100 })

  constructor(private readonly internalDomains: readonly string[] = INTERNAL) {}

  get context() {
    return { internalDomains: this.internalDomains, settings: SETTINGS, baselines: this.baselines }
  }

  /** Learns `times` copies of `send` on weekdays at 10:00 UTC, one a day from MONDAY. */
  async learn(send: Send, times: number, from = 0): Promise<void> {
    for (let i = from; i < from + times; i++) {
      const weekday = Math.floor(i / 5) * 7 + (i % 5)
      const at = send.at ?? MONDAY + weekday * DAY + 10 * HOUR
      await learnSend(await describeSend(sendInput({ ...send, at }), this.context), this.baselines)
    }
  }

  describe(send: Send): Promise<SendFeatures> {
    return describeSend(sendInput(send), this.context)
  }

  async signals(send: Send): Promise<SignalCode[]> {
    return (await this.describe(send)).signals.map((signal) => signal.code)
  }

  async close(): Promise<void> {
    await this.baselines.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** A finding of `category` with a distinct value, as detect/ would report it. */
export function finding(category: Finding['category'], n: number): Finding {
  return {
    category,
    partId: '1',
    start: n,
    end: n + 1,
    confidence: 0.9,
    masked: '****',
    fingerprint: `${category}-${n}`,
    recognizer: 'test',
  }
}
