// Delivers what mailward sends later (released messages, forwards the next hop deferred,
// notices) from the durable outbox, with retries and exponential backoff. Items survive
// restarts because they live in the store. A recipient the next hop refuses for good, or
// still defers when the item is given up, is named in an undeliverable notice to the sender.
import { PeriodicPass } from './periodic-pass.js'
import type { Logger } from 'pino'
import type { Config } from '../config/index.js'
import type { NewOutboxItem, OutboxItem, Store } from '../store/types.js'
import type { NextHop, Refusal } from './next-hop.js'
import { composeNotices, type NoticeContext, type Undelivered } from './notices.js'
import { describeError } from '../log/serializers.js'

export interface OutboxPolicy {
  /** First retry delay; each further one doubles, up to `retryMaxMs`. */
  readonly retryFirstMs: number
  readonly retryMaxMs: number
  /** How long an item may be retried before it is given up and marked failed. */
  readonly giveUpAfterMs: number
  /** A claimed item is invisible to other runners (the CLI, another relay) for this long. */
  readonly leaseMs: number
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  retryFirstMs: 30_000,
  retryMaxMs: 3600_000,
  // Exchange Online itself retries for 24 hours; we keep trying three times as long because an
  // operator has already decided these messages should go.
  giveUpAfterMs: 72 * 3600 * 1000,
  // Longer than one SMTP transaction with the default timeouts (60 s per step).
  leaseMs: 10 * 60 * 1000,
}

/** The policy the `outbox` section of the configuration asks for. */
export function outboxPolicyFrom(config: Config['outbox']): OutboxPolicy {
  return {
    retryFirstMs: config.retryFirstSeconds * 1000,
    retryMaxMs: config.retryMaxSeconds * 1000,
    giveUpAfterMs: config.giveUpHours * 3600 * 1000,
    leaseMs: DEFAULT_OUTBOX_POLICY.leaseMs,
  }
}

export type SendOutcome =
  | { readonly kind: 'sent'; readonly rejected: number }
  | {
      readonly kind: 'partly-sent'
      readonly deferred: number
      readonly rejected: number
      readonly nextAttemptAt: Date
    }
  | { readonly kind: 'retry'; readonly reason: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'failed'; readonly reason: string }

/** 30 s, 1 min, 2 min, ... capped at one hour (with the default policy). */
export function backoffMs(attempts: number, policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY): number {
  return Math.min(policy.retryFirstMs * 2 ** attempts, policy.retryMaxMs)
}

/**
 * Sends one claimed item and records the result. Recipients the next hop defers are kept in
 * the item and retried; with `notices`, the sender is told about each recipient a release or
 * forward will never reach (refused for good, or still deferred when the item is given up).
 */
export async function sendOutboxItem(
  item: OutboxItem,
  store: Store,
  nextHop: NextHop,
  policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
  notices?: NoticeContext,
): Promise<SendOutcome> {
  const payload = await store.outboxPayload(item)
  const result = await nextHop.send(item.mailFrom, item.rcptTo, payload)
  const now = Date.now()
  const nextAttemptAt = new Date(now + backoffMs(item.attempts, policy))
  const tooOld = now - item.createdAt.getTime() > policy.giveUpAfterMs

  if (result.kind === 'accepted') {
    const refused = result.rejected.map(refusedForGood)
    if (result.deferred.length > 0 && !tooOld) {
      const remaining = result.deferred.map((refusal) => refusal.address)
      const told = await undeliverable(item, refused, notices)
      const detail = {
        delivered: item.rcptTo.length - refusalCount(result),
        rejected: refused.length,
      }
      await store.markPartlySent(
        item.id,
        remaining,
        deferredReason(result.deferred),
        nextAttemptAt,
        detail,
        told,
      )
      return {
        kind: 'partly-sent',
        deferred: remaining.length,
        rejected: refused.length,
        nextAttemptAt,
      }
    }
    const givenUp = result.deferred.map((refusal) => stillDeferred(refusal, policy))
    const told = await undeliverable(item, [...refused, ...givenUp], notices)
    await store.markSent(item.id, { rejected: refused.length + givenUp.length }, told)
    return { kind: 'sent', rejected: refused.length + givenUp.length }
  }

  const giveUp = result.kind === 'permanent' || tooOld
  const why =
    result.kind === 'permanent'
      ? `refused by the receiving server (${replyOf(result)})`
      : `not accepted for ${hoursOf(policy)} hours (${result.reason})`
  const told = giveUp
    ? await undeliverable(
        item,
        item.rcptTo.map((address) => ({ address, why })),
        notices,
      )
    : []
  await store.markRetry(item.id, result.reason, nextAttemptAt, giveUp, told)
  if (giveUp) {
    await store.audit('outbox.failed', item.ref, 'mailward', {
      outboxId: item.id,
      reason: result.reason,
    })
    return { kind: 'failed', reason: result.reason }
  }
  return { kind: 'retry', reason: result.reason, nextAttemptAt }
}

/**
 * The undeliverable notice about a release or forward, to its envelope sender. Notices about
 * notices are never written: they go to the null sender, and a loop must not start.
 */
async function undeliverable(
  item: OutboxItem,
  undelivered: readonly Undelivered[],
  notices: NoticeContext | undefined,
): Promise<NewOutboxItem[]> {
  if (notices === undefined || undelivered.length === 0 || item.kind === 'notice') return []
  const about = {
    ref: item.ref ?? `outbox #${item.id}`,
    sender: item.mailFrom,
    receivedAt: item.createdAt,
    recipients: item.rcptTo,
    report: {},
  }
  const recipients = undelivered.map((entry) => entry.address)
  return composeNotices('undeliverable', about, notices, { recipients, undelivered })
}

/** What the sender reads about a recipient the next hop refused with a 5xx. */
export function refusedForGood(refusal: Refusal): Undelivered {
  return { address: refusal.address, why: `refused by the receiving server (${replyOf(refusal)})` }
}

function stillDeferred(refusal: Refusal, policy: OutboxPolicy): Undelivered {
  const why = `not accepted for ${hoursOf(policy)} hours (last reply ${replyOf(refusal)})`
  return { address: refusal.address, why }
}

function replyOf(reply: { readonly code: number; readonly enhanced?: string | undefined }): string {
  return reply.enhanced === undefined ? String(reply.code) : `${reply.code} ${reply.enhanced}`
}

function refusalCount(result: { deferred: readonly Refusal[]; rejected: readonly Refusal[] }) {
  return result.deferred.length + result.rejected.length
}

function deferredReason(deferred: readonly Refusal[]): string {
  const codes = [...new Set(deferred.map(replyOf))].join(', ')
  return `next hop deferred ${deferred.length} recipient(s) (${codes})`
}

function hoursOf(policy: OutboxPolicy): number {
  return Math.round(policy.giveUpAfterMs / 3600_000)
}

/** Items leased per pass. */
const BATCH = 20

/** Polls the outbox in the background; `kick()` asks for an immediate pass. */
export class OutboxRunner {
  private readonly passes: PeriodicPass

  constructor(
    private readonly store: Store,
    private readonly nextHop: NextHop,
    private readonly log: Logger,
    intervalMs = 5_000,
    private readonly policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
    /** Templates for the undeliverable notices; without them the sender is not told. */
    private readonly notices?: NoticeContext,
  ) {
    this.passes = new PeriodicPass(() => this.drain(), intervalMs)
  }

  start(): void {
    this.passes.start()
  }

  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void> {
    return this.passes.stop()
  }

  /** Runs a pass now (after the one in progress) and resolves when it is done. */
  async runOnce(): Promise<void> {
    await this.passes.idle()
    this.passes.kick()
    await this.passes.idle()
  }

  kick(): void {
    this.passes.kick()
  }

  private async drain(): Promise<void> {
    let items: OutboxItem[]
    try {
      items = await this.store.claimDue(new Date(), this.policy.leaseMs, BATCH)
    } catch (error) {
      this.log.error({ event: 'outbox.error', error: describeError(error) })
      return
    }

    for (const item of items) {
      const about = { outboxId: item.id, kind: item.kind, messageRef: item.ref }
      try {
        const outcome = await sendOutboxItem(
          item,
          this.store,
          this.nextHop,
          this.policy,
          this.notices,
        )
        this.log[outcome.kind === 'sent' ? 'info' : 'warn']({
          event: `outbox.${outcome.kind}`,
          ...about,
          ...countsOf(outcome),
        })
        // An undeliverable notice it caused is due now: send it in another pass at once.
        if (causedNotice(outcome)) this.passes.kick()
      } catch (error) {
        // One unreadable item (its payload gone) must not stall the others; its lease runs out
        // and it is tried again later.
        this.log.error({ event: 'outbox.error', error: describeError(error), ...about })
      }
    }
    // A full batch may mean more are due.
    if (items.length === BATCH) this.passes.kick()
  }
}

function countsOf(outcome: SendOutcome): Record<string, number> {
  switch (outcome.kind) {
    case 'sent':
      return { rejected: outcome.rejected }
    case 'partly-sent':
      return { rejected: outcome.rejected, deferred: outcome.deferred }
    case 'retry':
    case 'failed':
      return {}
  }
}

function causedNotice(outcome: SendOutcome): boolean {
  return outcome.kind === 'failed' || (outcome.kind !== 'retry' && outcome.rejected > 0)
}
