// Masked samples: what a sender or an admin may see of a finding. They keep the shape and a
// few edge characters (the card convention, PCI DSS 3.4: first six / last four at most), and
// for secrets only a vendor prefix and the length, never enough to reuse the value.
import { categoryInfo, type Category } from './categories.js'

const ALNUM = /[A-Za-z0-9]/

// Card convention: issuer digits and last four (an IBAN's country and check digits).
const EDGE_FOUR: ReadonlySet<Category> = new Set(['CREDIT_CARD', 'IBAN', 'CARD_TRACK_DATA'])
// Words, not numbers: the first letter hints at what was found, the rest is hidden.
const FIRST_LETTER_ONLY: ReadonlySet<Category> = new Set([
  'PERSON_NAME',
  'STREET_ADDRESS',
  'HEALTH_INFORMATION',
  'DATE_OF_BIRTH',
])

/** Replaces letters and digits of `raw` by '*' except the first `head` and last `tail` ones. */
export function maskEdges(raw: string, head: number, tail: number): string {
  let total = 0
  for (const ch of raw) if (ALNUM.test(ch)) total++

  let seen = 0
  let out = ''

  for (const ch of raw) {
    if (!ALNUM.test(ch)) {
      out += ch
      continue
    }

    out += seen < head || seen >= total - tail ? ch : '*'
    seen++
  }

  return out
}

/** A secret: its first characters when they are a public vendor prefix, then its length. */
export function maskSecret(raw: string, prefixLength: number): string {
  const prefix = raw.slice(0, prefixLength)
  return `${prefix}**** (${raw.length} chars)`
}

function maskEmail(raw: string): string {
  const at = raw.lastIndexOf('@')
  if (at < 1) return maskEdges(raw, 1, 0)

  return `${raw.charAt(0)}***${raw.slice(at)}`
}

/** The masked sample for a match of `category`, from the normalised matched text. */
export function maskSample(category: Category, raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ')

  if (categoryInfo(category).family === 'secret') return maskSecret(oneLine, 0)

  if (EDGE_FOUR.has(category)) return maskEdges(oneLine, 4, 4)
  if (category === 'EMAIL_ADDRESS') return maskEmail(oneLine)
  if (FIRST_LETTER_ONLY.has(category)) return maskEdges(oneLine, 1, 0)

  return maskEdges(oneLine, 0, oneLine.length >= 10 ? 4 : 2)
}
