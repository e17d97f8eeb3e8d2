// The storage interface. SQLite is the embedded implementation; a shared PostgreSQL store for
// several relays would be a second implementation of this same interface. Every transition
// that moves a message on is one atomic step with its audit row and the mail it causes.
import type { Envelope } from '../smtp/types.js'

/**
 * Where a held message stands, derived from its recipients: some still pending and none
 * released (`held`, or `awaiting-justification` for a justify hold), some released and some
 * pending (`partly-released`), or nobody pending any more (`released` when anyone got it,
 * else `expired` or `rejected`).
 */
export type QuarantineStatus =
  'held' | 'awaiting-justification' | 'partly-released' | 'released' | 'rejected' | 'expired'

export const QUARANTINE_STATUSES: readonly QuarantineStatus[] = [
  'held',
  'awaiting-justification',
  'partly-released',
  'released',
  'rejected',
  'expired',
]

export type RecipientStatus = 'pending' | 'released' | 'rejected' | 'expired'

/** One envelope recipient of a held message and what became of it. */
export interface HeldRecipient {
  readonly address: string
  readonly status: RecipientStatus
  /** The outbox item that delivers (or delivered) the message to this recipient. */
  readonly outboxId: number | undefined
  readonly resolvedAt: Date | undefined
  readonly resolvedBy: string | undefined
}

/** What the quarantine keeps about a held message besides its raw bytes. */
export interface QuarantineRecord {
  readonly id: string
  readonly receivedAt: Date
  readonly sender: string
  readonly recipients: readonly string[]
  readonly recipientStates: readonly HeldRecipient[]
  readonly size: number
  readonly action: 'hold' | 'justify'
  readonly status: QuarantineStatus
  readonly messageId: string | undefined
  readonly networkMessageId: string | undefined
  /** X-MS-Exchange-CrossTenant-Id of the held message, lower-cased, when it had one. */
  readonly tenantId: string | undefined
  /** The verdict as a JSON-safe report: reasons, counts, masked findings, parts. */
  readonly report: unknown
  /** The operator's narrative: who sent what to whom and why it is held, values masked. */
  readonly narrative: string | undefined
  /** Justify holds: when the sender's time to justify runs out. */
  readonly justifyDeadline: Date | undefined
  /** Justify holds: replies refused so far (empty, trivial). */
  readonly justifyAttempts: number
  /** What the sender wrote, quoted history and signature removed, once accepted. */
  readonly justification: { readonly text: string; readonly at: Date } | undefined
  readonly resolvedAt: Date | undefined
  readonly resolvedBy: string | undefined
  readonly resolutionNote: string | undefined
}

export interface NewQuarantineEntry {
  readonly id: string
  readonly receivedAt: Date
  readonly envelope: Envelope
  readonly raw: Buffer
  readonly action: 'hold' | 'justify'
  readonly messageId: string | undefined
  readonly networkMessageId: string | undefined
  readonly tenantId: string | undefined
  readonly report: unknown
  readonly narrative: string | undefined
  readonly justifyDeadline: Date | undefined
  /** JSON-safe behaviour observation of the send, learned once it is released. */
  readonly observation: unknown
  /** Notices about the hold, queued in the same commit as the message. */
  readonly notices: readonly NewOutboxItem[]
}

export interface QuarantineFilter {
  readonly status?: QuarantineStatus | undefined
  readonly sender?: string | undefined
  readonly recipient?: string | undefined
  /** A detection category (CREDIT_CARD, ...) among the message's findings or counts. */
  readonly category?: string | undefined
  readonly since?: Date | undefined
  /** Only messages nobody waits for any more, decided before this instant. */
  readonly decidedBefore?: Date | undefined
  readonly limit?: number | undefined
}

/**
 * `release`: a held message released to some recipients (its bytes stay in the quarantine);
 * `forward`: a forwarded message the next hop deferred for some recipients (its bytes in the
 * item); `notice`: a notice mailward wrote.
 */
export type OutboxKind = 'release' | 'forward' | 'notice'

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed'

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed']

export interface OutboxItem {
  readonly id: number
  readonly kind: OutboxKind
  readonly quarantineId: string | undefined
  /** The message the item is about: the quarantine id, or a forwarded message's ref. */
  readonly ref: string | undefined
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  readonly status: OutboxStatus
  readonly attempts: number
  readonly nextAttemptAt: Date
  readonly lastError: string | undefined
  readonly createdAt: Date
  readonly sentAt: Date | undefined
  /** When the item was given up (status 'failed'). */
  readonly failedAt: Date | undefined
  /** When the sweep dropped a given-up item's bytes: it can no longer be sent again. */
  readonly purgedAt: Date | undefined
}

export interface NewOutboxItem {
  readonly kind: OutboxKind
  readonly quarantineId?: string | undefined
  /** For an item about a message not in quarantine (a forward and its notices): its ref. */
  readonly messageRef?: string | undefined
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  /** Raw message for notices and forwards; releases read the quarantined bytes instead. */
  readonly raw?: Buffer | undefined
  /** First attempt not before this instant (a forward the next hop just deferred); default now. */
  readonly notBefore?: Date | undefined
}

/** An operator's (or a sender's justified) decision about some or all pending recipients. */
export interface Resolution {
  /** Who decided: the operator, or the sender's address for a justification. */
  readonly actor: string
  readonly note: string | undefined
  readonly at: Date
  /**
   * Exactly these pending recipients (as stored). Undefined: every recipient still pending.
   * If any listed one is no longer pending, nothing is done: someone else decided first.
   */
  readonly recipients?: readonly string[] | undefined
  /** Accepted justification text, stored with the release. */
  readonly justification?: string | undefined
  /** Notices queued in the same commit, only if the transition happens. */
  readonly notices?: readonly NewOutboxItem[] | undefined
}

export type TransitionRefusal =
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'not-held'; readonly status: QuarantineStatus }
  | { readonly ok: false; readonly reason: 'no-such-recipient'; readonly address: string }
  | { readonly ok: false; readonly reason: 'not-due' }

/** Result of trying to move a held message on: what changed, or why nothing did. */
export type TransitionResult =
  | {
      readonly ok: true
      readonly status: QuarantineStatus
      /** The recipients this transition decided. */
      readonly recipients: readonly string[]
      /** The outbox item delivering a release. */
      readonly outboxId?: number | undefined
      /** The outbox items of the notices queued with the transition. */
      readonly noticeIds: readonly number[]
    }
  | TransitionRefusal

export type PurgeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'still-held'; readonly status: QuarantineStatus }
  | { readonly ok: false; readonly reason: 'delivery-pending'; readonly outboxId: number }

/** A released send whose behaviour observation the baselines have not learned yet. */
export interface UnlearnedRelease {
  readonly id: string
  readonly observation: unknown
  /** Positions (in the envelope's recipient order) released but not learned. */
  readonly positions: readonly number[]
}

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

/** The next hop a relay on this store delivers to, as it recorded it at its start. */
export interface RecordedNextHop {
  readonly address: string
  readonly at: Date
}

export interface Store {
  /** Writes the raw message (fsync'd), its record and its notices in one durable step. */
  quarantine(entry: NewQuarantineEntry): Promise<void>
  /** Every held message with this Network-Message-Id, oldest first (one per split batch). */
  findByNetworkMessageId(networkMessageId: string): Promise<QuarantineRecord[]>
  getQuarantined(id: string): Promise<QuarantineRecord | undefined>
  listQuarantined(filter: QuarantineFilter): Promise<QuarantineRecord[]>
  readRaw(id: string): Promise<Buffer>
  /**
   * Marks pending recipients released and queues one delivery to exactly them, atomically: of
   * two concurrent releases of a recipient exactly one succeeds, so nobody gets it twice.
   */
  release(id: string, resolution: Resolution): Promise<TransitionResult>
  reject(id: string, resolution: Resolution): Promise<TransitionResult>
  /** Rejects every pending recipient of a justify hold whose deadline is at or before `at`. */
  expire(
    id: string,
    at: Date,
    notices: readonly NewOutboxItem[],
    actor: string,
  ): Promise<TransitionResult>
  /** Justify holds with pending recipients whose deadline is at or before `at`. */
  listExpired(at: Date): Promise<QuarantineRecord[]>
  /** Counts a refused justification (the audit row and the notice go in the same commit). */
  refuseJustification(
    id: string,
    actor: string,
    detail: Record<string, unknown>,
    notices: readonly NewOutboxItem[],
  ): Promise<number>
  /** Deletes a decided message's bytes and records (its audit rows stay). */
  purge(id: string, actor: string): Promise<PurgeResult>

  unlearnedReleases(limit: number): Promise<UnlearnedRelease[]>
  markLearned(id: string, positions: readonly number[]): Promise<void>

  enqueue(item: NewOutboxItem): Promise<number>
  /** Leases due items for `leaseMs`; a leased item is not handed to anyone else meanwhile. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]>
  claimById(id: number, now: Date, leaseMs: number): Promise<OutboxItem | undefined>
  outboxPayload(item: OutboxItem): Promise<Buffer>
  /** Marks an item delivered and queues the notices it causes (refused recipients), at once. */
  markSent(
    id: number,
    detail?: Record<string, unknown>,
    notices?: readonly NewOutboxItem[],
  ): Promise<void>
  /**
   * Records a failed attempt: due again at `nextAttemptAt`, or given up (`failed`), with the
   * notices it causes committed in the same step.
   */
  markRetry(
    id: number,
    error: string,
    nextAttemptAt: Date,
    giveUp: boolean,
    notices?: readonly NewOutboxItem[],
  ): Promise<void>
  /**
   * Records an attempt the next hop took for some recipients and deferred for `remaining`: the
   * item now carries only those, due again at `nextAttemptAt`; `notices` (for recipients it
   * refused for good) are queued in the same commit.
   */
  markPartlySent(
    id: number,
    remaining: readonly string[],
    error: string,
    nextAttemptAt: Date,
    detail: Record<string, unknown>,
    notices: readonly NewOutboxItem[],
  ): Promise<void>
  /**
   * Makes a pending or failed item due at `now` again; false if it is sent, being sent, or
   * given up so long ago that its bytes are purged.
   */
  reviveOutbox(id: number, now: Date, actor: string): Promise<boolean>
  /** Drops the bytes of items given up before `before`; returns their ids. */
  purgeFailedOutbox(before: Date, limit: number, now?: Date): Promise<number[]>
  getOutbox(id: number): Promise<OutboxItem | undefined>
  listOutbox(status?: OutboxStatus): Promise<OutboxItem[]>

  audit(event: string, ref: string | undefined, actor: string, detail: unknown): Promise<void>
  /** Audit rows in order, from `fromSeq` on. */
  auditLog(fromSeq?: number): Promise<AuditEntry[]>
  /** Audit rows about one message (or outbox item), in order. */
  auditFor(ref: string): Promise<AuditEntry[]>
  /** The highest sequence number ever given to an audit row (a deleted tail shows as a gap). */
  auditHighWater(): Promise<number>

  /** Records, at a relay's start, the next hop it delivers to (replacing the one before). */
  recordNextHop(address: string, at: Date): Promise<void>
  /** The next hop the last relay started on this store recorded; undefined if none ever ran. */
  recordedNextHop(): Promise<RecordedNextHop | undefined>

  close(): Promise<void>
}
