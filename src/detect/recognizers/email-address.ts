// EMAIL_ADDRESS: mailbox addresses in text. The message's own header addresses and
// Message-IDs are not findings; file names like icon@2x.png are not addresses.
import { append } from '../append.js'
import { isInEnvelopeField } from '../header-lines.js'
import type { Candidate, Recognizer, ScanInput } from '../recognizer.js'

// RFC 5321 §4.5.3.1.1: a local part is at most 64 octets; we take dot-atom characters.
const MAX_LOCAL = 64
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/
// Domain labels of 1-63 characters, a letters-only TLD, read from just after the '@'. The
// label repetition is bounded and separated by '.', so there is one way to match: linear.
const DOMAIN =
  /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/y

// File extensions that follow "@2x." in asset names, never top-level domains we care about.
const NOT_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'json', 'ico'])
const SYSTEM = /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)@/i

/** Start of the local part ending just before `at`, or -1 when there is none or it is too long. */
function localStart(text: string, at: number): number {
  let start = at
  while (start > 0 && at - start <= MAX_LOCAL && LOCAL_CHAR.test(text.charAt(start - 1))) start--

  const isTooLong = at - start > MAX_LOCAL
  return start === at || isTooLong ? -1 : start
}

function addressAt(input: ScanInput, at: number): Candidate | undefined {
  const text = input.text
  const start = localStart(text, at)
  if (start === -1) return undefined

  DOMAIN.lastIndex = at + 1
  const domain = DOMAIN.exec(text)
  if (domain === null) return undefined

  const end = at + 1 + domain[0].length
  const address = text.slice(start, end)
  const tld = address.slice(address.lastIndexOf('.') + 1).toLowerCase()
  if (NOT_TLDS.has(tld) || address.startsWith('.') || address.includes('..')) return undefined
  if (input.origin === 'header' && isInEnvelopeField(text, start)) return undefined

  const confidence = SYSTEM.test(address) ? 0.4 : 0.8
  return { start, end, value: address.toLowerCase(), confidence, evidence: 'structure' }
}

// Every address has an '@': searching for it with indexOf is far cheaper than trying an
// address pattern at every word of the text.
export const emailAddress: Recognizer = {
  name: 'email-address',
  category: 'EMAIL_ADDRESS',
  find(input) {
    const found: Candidate[] = []

    for (let at = input.text.indexOf('@'); at !== -1; at = input.text.indexOf('@', at + 1)) {
      const candidate = addressAt(input, at)
      if (candidate !== undefined) append(found, candidate)
    }

    return found
  },
}
