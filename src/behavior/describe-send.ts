// The profile stage, first layer: who this send goes to, judged from the envelope only.
import { normalizeAddress } from '../mime/index.js'
import type { Envelope } from '../smtp/types.js'
import type { RecipientProfile, SendFeatures } from './types.js'

/**
 * Describes a send from its envelope. Recipients come from RCPT TO (Bcc included), never from
 * headers, and the sender is MAIL FROM, never a display name.
 *
 * TODO: Per-sender baselines (new recipient, look-alike addresses, usual hours and volumes) are
 * not built yet; until they are, sends are judged by content and recipient domain alone.
 */
export function describeSend(envelope: Envelope, internalDomains: readonly string[]): SendFeatures {
  const internal = internalDomains.map((domain) => normalizeAddress(`x@${domain}`)?.domainAscii)

  const recipients: RecipientProfile[] = envelope.rcptTo.map((rcpt) => {
    const address = normalizeAddress(rcpt)
    const domainAscii = address?.domainAscii ?? ''
    const isExternal = !internal.some(
      (domain) =>
        domain !== undefined && (domainAscii === domain || domainAscii.endsWith(`.${domain}`)),
    )
    return { address: address?.address ?? rcpt, domain: address?.domain ?? '', isExternal }
  })

  const external = recipients.filter((recipient) => recipient.isExternal)
  return {
    sender: envelope.mailFrom,
    recipients,
    externalRecipients: external.length,
    externalDomains: new Set(external.map((recipient) => recipient.domain)).size,
  }
}
