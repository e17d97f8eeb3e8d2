// What is left to do when the next hop took a message for some recipients only. The upstream
// has heard (or is about to hear) 250, so mailward owns the rest: recipients deferred with a
// 4xx are kept in the outbox with the raw message and retried with backoff, and the sender is
// told which recipients the message will never reach (refused with a 5xx, or deferred ones
// that could not be kept).
import type { Logger } from 'pino'
import type { Envelope } from '../smtp/types.js'
import type { NewOutboxItem, Store } from '../store/types.js'
import { describeError } from '../log/serializers.js'
import type { DeliveryResult, NextHop, Refusal } from './next-hop.js'
import { composeNotices, type NoticeContext, type Undelivered } from './notices.js'
import { refusedForGood, type OutboxRunner } from './outbox-runner.js'

export interface PartialDeliveryContext {
  readonly store: Store
  readonly nextHop: NextHop
  readonly notices: NoticeContext
  readonly outbox: OutboxRunner | undefined
  /** When the first retry of a deferred recipient is due: the outbox's first backoff. */
  readonly retryFirstMs: number
  readonly log: Logger
}

/** The forwarded message, as the relay received it. */
export interface ForwardedMessage {
  readonly ref: string
  readonly envelope: Envelope
  readonly raw: Buffer
  readonly receivedAt: Date
}

type Accepted = Extract<DeliveryResult, { kind: 'accepted' }>

/**
 * Keeps the deferred recipients for a retry and tells the sender about the others. It never
 * throws: the message is delivered to some recipients already, and every fault here is logged.
 *
 * @example
 * if (result.kind === 'accepted') await finishPartialDelivery(message, result, ctx)
 */
export async function finishPartialDelivery(
  message: ForwardedMessage,
  result: Accepted,
  ctx: PartialDeliveryContext,
): Promise<void> {
  const undelivered = result.rejected.map(refusedForGood)

  if (result.deferred.length > 0 && !(await keepDeferred(message, result.deferred, ctx))) {
    const why = 'temporarily refused by the receiving server, and it could not be kept for a retry'
    undelivered.push(...result.deferred.map((refusal) => ({ address: refusal.address, why })))
  }

  if (undelivered.length > 0) await tellUndelivered(message, undelivered, ctx)
}

/**
 * Puts the message in the outbox for the deferred recipients, raw bytes included. False when
 * the store cannot take it; the caller then tells the sender they were not reached. An item
 * given up (after outbox.giveUpHours) keeps the bytes for `outbox retry` until the sweep drops
 * them, quarantine.retentionDays later.
 */
async function keepDeferred(
  message: ForwardedMessage,
  deferred: readonly Refusal[],
  ctx: PartialDeliveryContext,
): Promise<boolean> {
  try {
    await ctx.store.enqueue({
      kind: 'forward',
      messageRef: message.ref,
      mailFrom: message.envelope.mailFrom,
      rcptTo: deferred.map((refusal) => refusal.address),
      raw: message.raw,
      notBefore: new Date(Date.now() + ctx.retryFirstMs),
    })
    return true
  } catch (error) {
    const count = deferred.length
    ctx.log.error({ event: 'next-hop.deferred-lost', deferred: count, error: describeError(error) })
    return false
  }
}

/**
 * The undeliverable notice, through the outbox; if the store cannot take it (the same fault
 * that lost a retry, say), straight to the next hop, so that the sender hears of it either way.
 */
async function tellUndelivered(
  message: ForwardedMessage,
  undelivered: readonly Undelivered[],
  ctx: PartialDeliveryContext,
): Promise<void> {
  const about = {
    ref: message.ref,
    sender: message.envelope.mailFrom,
    receivedAt: message.receivedAt,
    recipients: message.envelope.rcptTo,
    report: {},
  }
  const recipients = undelivered.map((entry) => entry.address)
  try {
    const details = { recipients, undelivered }
    for (const item of await composeNotices('undeliverable', about, ctx.notices, details)) {
      await queueOrSend({ ...item, messageRef: message.ref }, ctx)
    }
  } catch (error) {
    // The message is delivered to the others; only the operator can tell the sender now.
    ctx.log.error({ event: 'notice.failed', kind: 'undeliverable', error: describeError(error) })
  }
}

async function queueOrSend(item: NewOutboxItem, ctx: PartialDeliveryContext): Promise<void> {
  try {
    await ctx.store.enqueue(item)
    ctx.outbox?.kick()
  } catch (error) {
    ctx.log.error({ event: 'notice.unqueued', kind: 'undeliverable', error: describeError(error) })
    const sent = await ctx.nextHop.send(item.mailFrom, item.rcptTo, item.raw ?? Buffer.alloc(0))
    ctx.log[sent.kind === 'accepted' ? 'warn' : 'error']({
      event: 'notice.sent-directly',
      kind: 'undeliverable',
      result: sent.kind,
    })
  }
}
