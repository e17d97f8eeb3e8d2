// Many outside addresses in To/Cc, where each recipient sees all the others: Bcc was due.
import type { SendView } from './send-view.js'
import type { BehaviorSignal } from './types.js'

/** One outside organisation seeing its own people listed is not a disclosure; two are. */
const MIN_DOMAINS = 2

/**
 * Raised from `visibleExternalLimit` outside addresses at two or more domains in To/Cc. A
 * warmed-up sender who has shown as many before (a maintainer copying a patch to everyone
 * concerned) is asked only when this send shows more than any earlier one.
 */
export function exposedRecipientsSignals(view: SendView): BehaviorSignal[] {
  const visible = view.visibleExternal
  const domains = new Set(visible.map((address) => address.domainAscii))
  if (visible.length < view.settings.visibleExternalLimit || domains.size < MIN_DOMAINS) return []

  const most = view.isWarm ? (view.sender?.volumes.visibleExternal.max ?? 0) : 0
  if (visible.length <= most) return []

  const before =
    most >= view.settings.visibleExternalLimit ? ` (you have shown at most ${most} before)` : ''
  return [
    {
      code: 'exposed-recipients',
      text:
        `${visible.length} outside addresses at ${domains.size} domains are in To or Cc, ` +
        `so every recipient sees all the others${before}; Bcc keeps them private`,
      recipients: [],
    },
  ]
}
