// Delivers what mailward sends later (released messages, notices) from the durable outbox,
// with retries and exponential backoff. Items survive restarts because they live in the store.
import type { Logger } from 'pino'
import type { Config } from '../config/index.js'
import type { OutboxItem, Store } from '../store/types.js'
import type { NextHop } from './next-hop.js'
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
  | { readonly kind: 'retry'; readonly reason: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'failed'; readonly reason: string }

/** 30 s, 1 min, 2 min, ... capped at one hour (with the default policy). */
export function backoffMs(attempts: number, policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY): number {
  return Math.min(policy.retryFirstMs * 2 ** attempts, policy.retryMaxMs)
}

/** Sends one claimed item and records the result. */
export async function sendOutboxItem(
  item: OutboxItem,
  store: Store,
  nextHop: NextHop,
  policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
): Promise<SendOutcome> {
  const payload = await store.outboxPayload(item)
  const result = await nextHop.send(item.mailFrom, item.rcptTo, payload)

  if (result.kind === 'accepted') {
    // Recipients the next hop refused for good are not retried; the audit row counts them.
    await store.markSent(item.id, { rejected: result.rejected.length })
    return { kind: 'sent', rejected: result.rejected.length }
  }

  const age = Date.now() - item.createdAt.getTime()
  const giveUp = result.kind === 'permanent' || age > policy.giveUpAfterMs
  const nextAttemptAt = new Date(Date.now() + backoffMs(item.attempts, policy))
  await store.markRetry(item.id, result.reason, nextAttemptAt, giveUp)
  if (giveUp) {
    await store.audit('outbox.failed', item.quarantineId, 'mailward', {
      outboxId: item.id,
      reason: result.reason,
    })
    return { kind: 'failed', reason: result.reason }
  }
  return { kind: 'retry', reason: result.reason, nextAttemptAt }
}

/** Items leased per pass. */
const BATCH = 20

/** Polls the outbox in the background; `kick()` asks for an immediate pass. */
export class OutboxRunner {
  private timer: NodeJS.Timeout | undefined
  private pass: Promise<void> | undefined
  private again = false

  constructor(
    private readonly store: Store,
    private readonly nextHop: NextHop,
    private readonly log: Logger,
    private readonly intervalMs = 5_000,
    private readonly policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs)
    this.timer.unref()
    this.kick()
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.again = false
    await this.pass
  }

  /** Runs a pass now (after the one in progress) and resolves when it is done. */
  async runOnce(): Promise<void> {
    await this.pass
    this.kick()
    await this.pass
  }

  kick(): void {
    if (this.pass !== undefined) {
      this.again = true
      return
    }
    this.pass = this.drain().finally(() => {
      this.pass = undefined
      if (this.again) {
        this.again = false
        this.kick()
      }
    })
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
      const about = { outboxId: item.id, kind: item.kind, messageRef: item.quarantineId }
      try {
        const outcome = await sendOutboxItem(item, this.store, this.nextHop, this.policy)
        this.log[outcome.kind === 'sent' ? 'info' : 'warn']({
          event: `outbox.${outcome.kind}`,
          ...about,
        })
        // TODO: A release the next hop refuses for some recipients (or for good) is recorded
        // (audit outbox.sent with its refused count, or outbox.failed) and shown by `outbox
        // list`, but the sender gets no notice yet: the runner has no notice templates. The
        // in-transaction path does send an undeliverable notice.
        if (outcome.kind === 'sent' && outcome.rejected > 0) {
          this.log.warn({ event: 'outbox.partial', rejected: outcome.rejected, ...about })
        }
      } catch (error) {
        // One unreadable item (its payload gone) must not stall the others; its lease runs out
        // and it is tried again later.
        this.log.error({ event: 'outbox.error', error: describeError(error), ...about })
      }
    }
    // A full batch may mean more are due.
    if (items.length === BATCH) this.again = true
  }
}
