// GENERIC_SECRET: a high-entropy value assigned to a secret-sounding key (gitleaks'
// generic-api-key idea). Hashes, UUIDs and ordinary words fall below the entropy bar.
import type { Candidate, Recognizer } from '../recognizer.js'

const KEYS =
  '(?:api[_-]?key|apikey|api[_-]?secret|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|secret|token|private[_-]?key|signing[_-]?key|bearer)'
const ASSIGNMENT = new RegExp(
  `(?<![A-Za-z0-9])[\\w.-]{0,30}${KEYS}["']?\\s{0,3}(?:[:=]|=>|:=)\\s{0,3}["'\`]?([A-Za-z0-9_\\-+/=.~]{16,200})`,
  'gi',
)
const BEARER = /\bAuthorization:\s{0,4}Bearer\s{1,4}([A-Za-z0-9_\-+/=.~]{20,500})/gi
const QUICK = /secret|token|key|bearer/i
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

export const genericSecret: Recognizer = {
  name: 'generic-secret',
  category: 'GENERIC_SECRET',
  find(input) {
    const found: Candidate[] = []
    if (!QUICK.test(input.text)) return found

    for (const pattern of [ASSIGNMENT, BEARER]) {
      for (const m of input.text.matchAll(pattern)) {
        const value = m[1] ?? ''
        if (!looksLikeSecret(value)) continue
        const start = m.index + m[0].length - value.length
        found.push({
          start,
          end: start + value.length,
          value,
          confidence: 0.7,
          evidence: 'shape',
          hasContext: true,
        })
      }
    }

    return found
  },
}
