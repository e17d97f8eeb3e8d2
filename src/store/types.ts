// The storage interface. SQLite is the embedded implementation; a shared PostgreSQL store for
// several relays would be a second implementation of this same interface.
import type { Envelope } from '../smtp/types.js'

export type QuarantineStatus = 'held' | 'awaiting-justification' | 'released' | 'rejected'

/** What the quarantine keeps about a held message besides its raw bytes. */
export interface QuarantineRecord {
  readonly id: string
  readonly receivedAt: Date
  readonly sender: string
  readonly recipients: readonly string[]
  readonly size: number
  readonly action: 'hold' | 'justify'
  readonly status: QuarantineStatus
  readonly messageId: string | undefined
  readonly networkMessageId: string | undefined
  /** The verdict as a JSON-safe report: reasons, counts, masked findings, parts. */
  readonly report: unknown
  readonly resolvedAt: Date | undefined
  readonly resolvedBy: string | undefined
  readonly resolutionNote: string | undefined
}

export interface NewQuarantineEntry {
  readonly id: string
  readonly envelope: Envelope
  readonly raw: Buffer
  readonly action: 'hold' | 'justify'
  readonly messageId: string | undefined
  readonly networkMessageId: string | undefined
  readonly report: unknown
}

export interface QuarantineFilter {
  readonly status?: QuarantineStatus | undefined
  readonly sender?: string | undefined
  readonly recipient?: string | undefined
  readonly since?: Date | undefined
  readonly limit?: number | undefined
}

export type OutboxKind = 'release' | 'notice'

export interface OutboxItem {
  readonly id: number
  readonly kind: OutboxKind
  readonly quarantineId: string | undefined
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  readonly status: 'pending' | 'sending' | 'sent' | 'failed'
  readonly attempts: number
  readonly nextAttemptAt: Date
  readonly lastError: string | undefined
  readonly createdAt: Date
}

export interface NewOutboxItem {
  readonly kind: OutboxKind
  readonly quarantineId?: string | undefined
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  /** Raw message for notices; releases read the quarantined bytes instead. */
  readonly raw?: Buffer | undefined
}

/** Result of trying to move a held message on: either done, or why not. */
export type TransitionResult =
  | { readonly ok: true; readonly outboxId?: number | undefined }
  | { readonly ok: false; readonly reason: 'not-found' | 'not-held'; readonly status?: string }

export interface AuditEntry {
  readonly seq: number
  readonly at: Date
  readonly event: string
  readonly ref: string | undefined
  readonly actor: string
  readonly detail: unknown
  readonly prevHash: string
  readonly hash: string
}

export interface Store {
  /** Writes the raw message (fsync'd) and its record in one durable step, before any 250. */
  quarantine(entry: NewQuarantineEntry): Promise<void>
  findByNetworkMessageId(networkMessageId: string): Promise<QuarantineRecord | undefined>
  getQuarantined(id: string): Promise<QuarantineRecord | undefined>
  listQuarantined(filter: QuarantineFilter): Promise<QuarantineRecord[]>
  readRaw(id: string): Promise<Buffer>
  /**
   * Marks a held message released and queues its delivery, atomically: of two concurrent
   * releases exactly one succeeds, so a message is never delivered twice.
   */
  release(id: string, actor: string, note: string | undefined): Promise<TransitionResult>
  reject(id: string, actor: string, note: string | undefined): Promise<TransitionResult>

  enqueue(item: NewOutboxItem): Promise<number>
  /** Leases due items for `leaseMs`; a leased item is not handed to anyone else meanwhile. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]>
  claimById(id: number, now: Date, leaseMs: number): Promise<OutboxItem | undefined>
  outboxPayload(item: OutboxItem): Promise<Buffer>
  markSent(id: number): Promise<void>
  markRetry(id: number, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void>
  listOutbox(status?: OutboxItem['status']): Promise<OutboxItem[]>

  audit(event: string, ref: string | undefined, actor: string, detail: unknown): Promise<void>
  auditLog(): Promise<AuditEntry[]>

  close(): Promise<void>
}
