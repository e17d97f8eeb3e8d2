// Delivering outbox items from the CLI right away instead of waiting for a running relay's next
// pass. Each item is leased first, so a relay running on the same data folder never sends it
// at the same time, and a message is never delivered twice.
import type { Config } from '../config/index.js'
import {
  createNextHop,
  outboxPolicyFrom,
  sendOutboxItem,
  type NoticeContext,
  type SendOutcome,
} from '../actions/index.js'
import type { Store } from '../store/types.js'

export type DeliveryNow = SendOutcome | { readonly kind: 'busy' }

/**
 * Tries each outbox item once through `nextHopAddress` (see nextHopFor in shared.ts), with the
 * configured next-hop settings otherwise; a recipient it will never reach is named in a notice
 * to the sender, as the relay's outbox does. `busy` means someone else (a running relay) holds
 * the item's lease and is sending it.
 */
export async function deliverNow(
  store: Store,
  config: Config,
  notices: NoticeContext,
  ids: readonly number[],
  nextHopAddress: string,
): Promise<Map<number, DeliveryNow>> {
  const results = new Map<number, DeliveryNow>()
  if (ids.length === 0) return results

  const policy = outboxPolicyFrom(config.outbox)
  const nextHop = createNextHop({ ...config.nextHop, address: nextHopAddress })
  try {
    for (const id of ids) {
      const item = await store.claimById(id, new Date(), policy.leaseMs)
      results.set(
        id,
        item === undefined
          ? { kind: 'busy' }
          : await sendOutboxItem(item, store, nextHop, policy, notices),
      )
    }
  } finally {
    nextHop.close()
  }
  return results
}

/** One phrase for what happened to a delivery, for the CLI's per-id line. */
export function describeDelivery(result: DeliveryNow | undefined, nextHop: string): string {
  switch (result?.kind) {
    case undefined:
      return 'nothing to deliver'
    case 'sent':
      return result.rejected === 0
        ? `delivered to ${nextHop}`
        : `delivered to ${nextHop}, ${result.rejected} recipient(s) refused by it`
    case 'partly-sent':
      return (
        `delivered to ${nextHop} for some recipients; ${result.deferred} deferred by it will be ` +
        `retried${result.rejected === 0 ? '' : `, ${result.rejected} refused by it`}`
      )
    case 'retry':
      return `queued; delivery will be retried (${result.reason})`
    case 'failed':
      return `the next hop refused it (${result.reason})`
    case 'busy':
      return 'a running relay is delivering it'
  }
}
