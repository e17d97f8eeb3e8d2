// First contact: an address the sender never wrote to, a domain nobody in the organisation has.
import { ORG_MIN_SENDS, type SendView } from './send-view.js'
import type { BehaviorSignal } from './types.js'

/**
 * `first-contact-recipient` for each outside address new to a warmed-up sender; before warm-up
 * (cold start) only for addresses whose domain nobody in the organisation writes to.
 * `first-contact-domain` for domains new to the whole organisation.
 */
export function firstContactSignals(view: SendView): BehaviorSignal[] {
  const signals: BehaviorSignal[] = []
  const orgKnows = view.org.sends >= ORG_MIN_SENDS

  const newToSender = view.recipients.filter(
    (recipient) =>
      recipient.isExternal &&
      recipient.sentBefore === 0 &&
      (view.isWarm || (orgKnows && recipient.orgDomainSenders === 0)),
  )
  if (newToSender.length > 0) {
    const text = view.isWarm
      ? `you have never written to ${listAddresses(newToSender.map((r) => r.address))}`
      : `you have not written to ${listAddresses(newToSender.map((r) => r.address))} before, ` +
        'and nobody in the organisation writes to that domain'
    signals.push({
      code: 'first-contact-recipient',
      text,
      recipients: newToSender.map((r) => r.address),
    })
  }

  // TODO: Domains are compared whole, so a new subdomain of a domain the organisation writes
  // to (mail2.partner.example) counts as a new domain; with the look-alike checks now on
  // registrable domains, this one could be too, once org prevalence is kept per site.
  const newDomains = [
    ...new Set(
      view.recipients
        .filter((r) => r.isExternal && orgKnows && !view.org.domains.has(r.domainAscii))
        .map((r) => r.domain),
    ),
  ]
  if (newDomains.length > 0) {
    const recipients = view.recipients.filter((r) => newDomains.includes(r.domain))
    signals.push({
      code: 'first-contact-domain',
      text: `nobody in the organisation has written to ${listAddresses(newDomains)} before`,
      recipients: recipients.map((r) => r.address),
    })
  }
  return signals
}

/** "a", "a and b", "a, b and 3 others". */
export function listAddresses(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ')
  if (items.length === 3) return `${items[0]}, ${items[1]} and ${items[2]}`
  return `${items[0]}, ${items[1]} and ${items.length - 2} others`
}
