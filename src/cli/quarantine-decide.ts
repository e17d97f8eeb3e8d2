// `quarantine release` and `quarantine reject`: an operator's decision about some or all
// pending recipients of held messages. The store makes each decision atomic, so a message
// released here while `serve` runs (or twice at once) is delivered once to each recipient.
import type { Config } from '../config/index.js'
import {
  aboutRecord,
  composeNotices,
  pendingRecipients,
  type NoticeContext,
} from '../actions/index.js'
import type { QuarantineRecord, Store, TransitionResult } from '../store/types.js'
import { deliverNow, describeDelivery } from './deliver-now.js'

export interface DecideOptions {
  readonly verb: 'release' | 'reject'
  readonly operator: string
  readonly reason: string | undefined
  /** Only these envelope recipients; all pending ones when undefined. */
  readonly recipients: readonly string[] | undefined
  readonly notify: boolean
  readonly nextHop: string
}

/** What happened to one id, as printed and as JSON. */
export interface DecideResult {
  readonly id: string
  readonly ok: boolean
  /** released, delivered, queued, rejected, or why nothing was done. */
  readonly status: string
  readonly recipients: readonly string[]
  readonly message: string
}

/** Decides one held message and, for a release, delivers it and its notice at once. */
export async function decideOne(
  store: Store,
  config: Config,
  notices: NoticeContext,
  id: string,
  options: DecideOptions,
): Promise<DecideResult> {
  const record = await store.getQuarantined(id)
  if (record === undefined) return refused(id, 'not-found', 'no such message in quarantine')

  const pending = pendingRecipients(record)
  const targets = chooseTargets(record, options.recipients, pending)
  if ('unknown' in targets) {
    return refused(id, 'no-such-recipient', `${targets.unknown} is not a recipient of this message`)
  }
  if (targets.length === 0) {
    return refused(id, record.status, `not held (it is ${record.status}); nothing done`)
  }

  const decidedAlready = record.recipientStates.find(
    (state) => targets.includes(state.address) && state.status !== 'pending',
  )
  if (decidedAlready !== undefined) {
    const message = `${decidedAlready.address} is already ${decidedAlready.status}; nothing done`
    return refused(id, record.status, message)
  }

  // The notice names exactly the recipients decided here, and the store decides exactly those:
  // if someone else decided one of them in between, nothing is done and the notice is dropped.
  const stillHeld = pending.filter((address) => !targets.includes(address))
  const noticeItems = options.notify
    ? await composeNotices(
        options.verb === 'release' ? 'released' : 'rejected',
        aboutRecord(record),
        notices,
        { recipients: targets, released: targets, stillHeld },
      )
    : []

  const resolution = {
    actor: options.operator,
    note: options.reason,
    at: new Date(),
    recipients: targets,
    notices: noticeItems,
  }
  const result =
    options.verb === 'release'
      ? await store.release(id, resolution)
      : await store.reject(id, resolution)
  if (!result.ok) return refusal(id, result)

  const deliveries = [
    ...(result.outboxId === undefined ? [] : [result.outboxId]),
    ...result.noticeIds,
  ]
  const delivered = await deliverNow(store, config, notices, deliveries, options.nextHop)
  if (options.verb === 'reject') {
    return {
      id,
      ok: true,
      status: 'rejected',
      recipients: result.recipients,
      message: decided('rejected', result, stillHeld),
    }
  }

  const delivery = result.outboxId === undefined ? undefined : delivered.get(result.outboxId)
  const phrase = describeDelivery(delivery, options.nextHop)
  const status =
    delivery?.kind === 'sent' ? 'delivered' : delivery?.kind === 'failed' ? 'failed' : 'released'
  return {
    id,
    ok: delivery?.kind !== 'failed',
    status,
    recipients: result.recipients,
    message: `${decided('released', result, stillHeld)} and ${phrase}`,
  }
}

/**
 * The stored spelling of each requested recipient, or the first one that is not there. Without
 * a request, every recipient still pending: the decision and its notice name them one by one.
 */
function chooseTargets(
  record: QuarantineRecord,
  requested: readonly string[] | undefined,
  pending: readonly string[],
): string[] | { unknown: string } {
  if (requested === undefined) return [...pending]
  const targets: string[] = []
  for (const address of requested) {
    const match = record.recipients.find((rcpt) => rcpt.toLowerCase() === address.toLowerCase())
    if (match === undefined) return { unknown: address }
    if (!targets.includes(match)) targets.push(match)
  }
  return targets
}

function decided(
  verb: 'released' | 'rejected',
  result: Extract<TransitionResult, { ok: true }>,
  stillHeld: readonly string[],
): string {
  const who =
    result.recipients.length === 1 ? result.recipients[0] : `${result.recipients.length} recipients`
  // A partial decision names who is still waiting; a whole one needs no list.
  const rest =
    stillHeld.length === 0 || result.status === 'released' || result.status === 'rejected'
      ? ''
      : ` (still held for ${stillHeld.join(', ')})`
  return `${verb} for ${who}${rest}`
}

function refusal(id: string, result: Exclude<TransitionResult, { ok: true }>): DecideResult {
  switch (result.reason) {
    case 'not-found':
      return refused(id, 'not-found', 'no such message in quarantine')
    case 'not-held':
      return refused(id, result.status, `not held (it is ${result.status}); nothing done`)
    case 'no-such-recipient':
      return refused(
        id,
        'no-such-recipient',
        `${result.address} is not a recipient of this message`,
      )
    case 'not-due':
      return refused(id, 'not-due', 'its deadline has not passed')
  }
}

function refused(id: string, status: string, message: string): DecideResult {
  return { id, ok: false, status, recipients: [], message }
}
