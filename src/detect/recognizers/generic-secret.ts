// GENERIC_SECRET: a high-entropy value assigned to a secret-sounding key (gitleaks'
// generic-api-key idea). Hashes, UUIDs and ordinary words fall below the entropy bar.
import { hintWords, mentionsAny, type Candidate, type Recognizer } from '../recognizer.js'

// Every key name ends in one of these words; they are found first, then the name around
// them and the assignment after them are checked (cheaper than a pattern tried everywhere).
const KEY_WORD = /key|secret|token|bearer/gi
// The key names that count, as the end of the identifier before the assignment.
const KEY_NAME =
  /(?:api[_-]?key|apikey|api[_-]?secret|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|secret|token|private[_-]?key|signing[_-]?key|bearer)$/i
// Up to 30 identifier characters before the key word ("my_app_client_secret").
const NAME_BEFORE = /[\w.-]{0,30}$/
const ASSIGNMENT = /["']?\s{0,3}(?:[:=]|=>|:=)\s{0,3}["'`]?([A-Za-z0-9_\-+/=.~]{16,200})/y
const BEARER = /\bAuthorization:\s{0,4}Bearer\s{1,4}([A-Za-z0-9_\-+/=.~]{20,500})/gi
const KEY_HINTS = hintWords(['key', 'secret', 'token', 'bearer'])
const BEARER_HINT = hintWords(['bearer'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Shannon entropy in bits per character. */
export function entropyOf(value: string): number {
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)

  let bits = 0
  for (const n of counts.values()) {
    const p = n / value.length
    bits -= p * Math.log2(p)
  }
  return bits
}

// Random base64/alnum secrets of 16+ characters sit above 3.5 bits per character; words,
// repeated filler and short hex hashes mostly below. Hex-only values need more length.
function looksLikeSecret(value: string): boolean {
  if (UUID.test(value) || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return false
  const isHex = /^[0-9a-f]+$/i.test(value)
  return entropyOf(value) >= (isHex ? 3.6 : 3.5) && !(isHex && value.length === 40)
}

function push(found: Candidate[], start: number, value: string): void {
  if (!looksLikeSecret(value)) return
  const end = start + value.length
  found.push({ start, end, value, confidence: 0.7, evidence: 'shape', hasContext: true })
}

// The assignment is tested first: most key words in mail ("keyboard", "token of thanks")
// have none after them, and then the name before them need not be read.
function findAssignments(text: string, found: Candidate[]): void {
  KEY_WORD.lastIndex = 0

  for (let word = KEY_WORD.exec(text); word !== null; word = KEY_WORD.exec(text)) {
    const wordEnd = word.index + word[0].length
    ASSIGNMENT.lastIndex = wordEnd
    const m = ASSIGNMENT.exec(text)
    const value = m?.[1]
    if (m === null || value === undefined) continue

    const nameStart = Math.max(0, word.index - 30)
    const name = NAME_BEFORE.exec(text.slice(nameStart, word.index))?.[0] ?? ''
    const isNameStart = !/[A-Za-z0-9]/.test(text.charAt(word.index - name.length - 1))
    if (!isNameStart || !KEY_NAME.test(`${name}${word[0]}`)) continue
    push(found, wordEnd + m[0].length - value.length, value)
  }
}

export const genericSecret: Recognizer = {
  name: 'generic-secret',
  category: 'GENERIC_SECRET',
  find(input) {
    const found: Candidate[] = []
    if (!mentionsAny(input, KEY_HINTS)) return found

    findAssignments(input.text, found)

    if (mentionsAny(input, BEARER_HINT)) {
      for (const m of input.text.matchAll(BEARER)) {
        const value = m[1] ?? ''
        push(found, m.index + m[0].length - value.length, value)
      }
    }

    return found
  },
}
