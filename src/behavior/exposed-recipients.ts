// Many outside addresses in To/Cc, where each recipient sees all the others: Bcc was due.
import type { SendView } from './send-view.js'
import type { BehaviorSignal } from './types.js'

/** One outside organisation seeing its own people listed is not a disclosure; two are. */
const MIN_DOMAINS = 2

export function exposedRecipientsSignals(view: SendView): BehaviorSignal[] {
  const visible = view.visibleExternal
  const domains = new Set(visible.map((address) => address.domainAscii))
  if (visible.length < view.settings.visibleExternalLimit || domains.size < MIN_DOMAINS) return []

  return [
    {
      code: 'exposed-recipients',
      text:
        `${visible.length} outside addresses at ${domains.size} domains are in To or Cc, ` +
        'so every recipient sees all the others; Bcc keeps them private',
      recipients: [],
    },
  ]
}
