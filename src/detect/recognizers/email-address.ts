// EMAIL_ADDRESS: mailbox addresses in text. The message's own header addresses and
// Message-IDs are not findings; file names like icon@2x.png are not addresses.
import { definePattern } from '../define-pattern.js'
import { isInEnvelopeField } from '../header-lines.js'

// Local part: dot-atom characters, 1-64 (RFC 5321 §4.5.3.1.1); domain labels of 1-63
// characters, a letters-only TLD. The label repetition is bounded and separated by '.',
// so there is one way to match each input: linear.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g

// File extensions that follow "@2x." in asset names, never top-level domains we care about.
const NOT_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'json', 'ico'])

export const emailAddress = definePattern({
  name: 'email-address',
  category: 'EMAIL_ADDRESS',
  pattern: EMAIL,
  scope: 'all',
  evidence: 'structure',
  quickCheck: (text) => text.includes('@'),
  validate(match, input) {
    const address = match[0]
    const tld = address.slice(address.lastIndexOf('.') + 1).toLowerCase()
    if (NOT_TLDS.has(tld)) return undefined
    if (address.startsWith('.') || address.includes('..')) return undefined

    if (input.origin === 'header' && isInEnvelopeField(input.text, match.index)) return undefined

    const isSystem = /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)@/i.test(address)
    return { confidence: isSystem ? 0.4 : 0.8, value: address.toLowerCase() }
  },
})
