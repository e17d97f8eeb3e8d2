// What one extractText call accumulates: texts, outcome findings, labels and budgets.
import { createHash } from 'node:crypto'

import type { Finding, TextSource } from '../detect/types.js'
import { inflatedBudgetOf } from './limits.js'
import type { ExtractLimits, SensitivityLabel } from './types.js'

/** A blob to read: a MIME part, an archive member or a decoded block inside a text. */
export interface ExtractNode {
  /** Part id, or `<partId>/<entry path>` for members. */
  readonly id: string
  readonly bytes: Buffer
  readonly filename: string | undefined
  /** Container levels above this blob, counting attached mail levels from the parse stage. */
  readonly depth: number
}

export type OutcomeKind = 'encrypted' | 'unscannable'

interface PartTally {
  textBytes: number
  worst: OutcomeKind | undefined
  reason: string | undefined
}

/** Reads a nested blob (archive member, decoded block); set by the dispatcher. */
export type ReadNested = (node: ExtractNode) => Promise<void>

export class ExtractSession {
  readonly texts: TextSource[] = []
  readonly findings: Finding[] = []
  readonly labels: SensitivityLabel[] = []

  private textBytes = 0
  private inflatedBytes = 0
  private isTextBudgetReported = false
  private deadline = Number.POSITIVE_INFINITY
  private tally: PartTally = { textBytes: 0, worst: undefined, reason: undefined }
  private readonly nodeTallies = new Map<string, PartTally>()

  constructor(
    readonly limits: ExtractLimits,
    readonly readNested: ReadNested,
    private origin: TextSource['origin'] = 'attachment',
  ) {}

  /** Start the clock and the tallies of one top-level part. */
  beginPart(origin: TextSource['origin']): void {
    this.origin = origin
    this.deadline = Date.now() + this.limits.partTimeMs
    this.tally = { textBytes: 0, worst: undefined, reason: undefined }
  }

  /** What the current top-level part produced so far. */
  partTally(): Readonly<PartTally> {
    return this.tally
  }

  /** What one blob (a part or a member) produced itself, not counting what it contains. */
  nodeTally(id: string): Readonly<PartTally> {
    return this.nodeTallies.get(id) ?? { textBytes: 0, worst: undefined, reason: undefined }
  }

  private tallyOf(id: string): PartTally {
    let tally = this.nodeTallies.get(id)
    if (tally === undefined) {
      tally = { textBytes: 0, worst: undefined, reason: undefined }
      this.nodeTallies.set(id, tally)
    }
    return tally
  }

  /** Add text to scan, cut at the message's text budget (reported once). */
  addText(id: string, text: string): void {
    if (text.length === 0) return

    const bytes = Buffer.byteLength(text)
    const room = this.limits.maxTextBytes - this.textBytes

    if (bytes > room) {
      this.reportTextBudget(id)
      if (room <= 0) return
      this.push(id, Buffer.from(text).subarray(0, room).toString('utf8'), room)
      return
    }

    this.push(id, text, bytes)
  }

  private push(id: string, text: string, bytes: number): void {
    this.texts.push({ partId: id, origin: this.origin, text })
    this.textBytes += bytes
    this.tally.textBytes += bytes
    this.tallyOf(id).textBytes += bytes
  }

  private reportTextBudget(id: string): void {
    const reason = `limit: maxTextBytes ${this.limits.maxTextBytes} exceeded`
    if (!this.isTextBudgetReported) this.flag(id, 'unscannable', reason)
    this.isTextBudgetReported = true
  }

  /** Record a finding read from a file's structure rather than its text (a key file). */
  found(finding: Finding): void {
    this.findings.push(finding)
  }

  /** Record that a blob (or part of it) could not be read, with a fixed, content-free reason. */
  flag(id: string, kind: OutcomeKind, reason: string): void {
    this.findings.push(outcomeFinding(id, kind, reason))

    for (const tally of [this.tally, this.tallyOf(id)]) {
      if (tally.reason === undefined) tally.reason = reason
      if (tally.worst !== 'encrypted') tally.worst = kind
    }
  }

  /** True once the current part's time budget is spent. Readers check it between steps. */
  isOverTime(): boolean {
    return Date.now() > this.deadline
  }

  /** Flag the time limit for `id`; returns true so callers can `if (s.stopIfOverTime(id)) ...`. */
  stopIfOverTime(id: string): boolean {
    if (!this.isOverTime()) return false

    this.flag(id, 'unscannable', `limit: partTimeMs ${this.limits.partTimeMs} exceeded`)
    return true
  }

  /** Bytes that archives may still inflate for this message. */
  inflatedRoom(): number {
    return inflatedBudgetOf(this.limits) - this.inflatedBytes
  }

  chargeInflated(bytes: number): void {
    this.inflatedBytes += bytes
  }

  /** Milliseconds left of the current part's budget. */
  msLeft(): number {
    return Math.max(0, this.deadline - Date.now())
  }
}

/** An UNSCANNABLE / ENCRYPTED_CONTENT finding: no offsets, no sample, a fixed reason. */
export function outcomeFinding(id: string, kind: OutcomeKind, reason: string): Finding {
  const fingerprint = createHash('sha256').update(`${id}\u0000${reason}`).digest('hex')

  return {
    category: kind === 'encrypted' ? 'ENCRYPTED_CONTENT' : 'UNSCANNABLE',
    partId: id,
    start: 0,
    end: 0,
    confidence: 1,
    masked: '',
    fingerprint: fingerprint.slice(0, 32),
    recognizer: 'extract',
    reason,
  }
}
