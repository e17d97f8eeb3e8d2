// When recognizers disagree about a span, keep what a reader would call the finding: the
// surer match of a category, the better-backed match when two categories claim one value
// alike (a Luhn-valid card number that also parses as a phone number is a card), the longer
// one when a value contains another (an IBAN holds digits that look like a phone number),
// and every category that is about as sure and as well backed.
import type { Category } from './categories.js'
import type { Candidate, Evidence } from './recognizer.js'

export interface Scored extends Candidate {
  readonly category: Category
  readonly recognizer: string
}

// Two categories on the same span both stay unless one is this much less sure. It is also
// how much surer a worse-backed match must be to displace a better-backed one: "tel" next to
// a number that also passes the NHS check keeps the phone number.
const SAME_SPAN_MARGIN = 0.2

// categories.md: "down-rank a match that also validates as a different, more likely type".
// A check digit passes by chance once in ten to once in a hundred; structural rules (ranges,
// dates, prefixes) rule out less; a bare shape rules out nothing.
const EVIDENCE_RANK: Readonly<Record<Evidence, number>> = { checksum: 2, structure: 1, shape: 0 }

function overlaps(a: Scored, b: Scored): boolean {
  return a.start < b.end && b.start < a.end
}

function beats(a: Scored, b: Scored): boolean {
  if (a.category === b.category) {
    if (a.confidence !== b.confidence) return a.confidence > b.confidence
    return a.end - a.start >= b.end - b.start
  }

  const isSameSpan = a.start === b.start && a.end === b.end
  const aContainsB = a.start <= b.start && a.end >= b.end
  if (!aContainsB) return false

  // Evidence only breaks ties between matches that are equally placed: a context word next
  // to one of them ("EIN: …" beside a number that also passes the ABA check) outweighs a
  // lucky check digit, and then only confidence decides.
  const lead = a.confidence - b.confidence
  const isEquallyPlaced = (a.hasContext === true) === (b.hasContext === true)
  const backing = isEquallyPlaced ? EVIDENCE_RANK[a.evidence] - EVIDENCE_RANK[b.evidence] : 0
  // A mod-11 check digit passes by chance about as often as ten random digits make a valid
  // mobile number of the region: against a surer structural match a less sure check digit is
  // no proof of the other reading, so both stay (a bare "5321234567" is a Turkish mobile and
  // passes the UTR check).
  if (backing === 1 && a.evidence === 'checksum' && lead < 0) return false
  if (backing > 0) return lead >= -SAME_SPAN_MARGIN
  if (backing < 0) return lead > SAME_SPAN_MARGIN
  return isSameSpan ? lead > SAME_SPAN_MARGIN : lead >= 0
}

/**
 * Candidates left after dropping those beaten by an overlapping one. Partial overlaps of
 * different categories (neither span inside the other) both stay.
 */
export function resolveOverlaps(candidates: readonly Scored[]): Scored[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end)
  const dropped = new Set<Scored>()

  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]
    if (a === undefined) continue

    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]
      if (b === undefined || b.start >= a.end) break
      if (!overlaps(a, b)) continue

      if (beats(a, b)) dropped.add(b)
      else if (beats(b, a)) dropped.add(a)
    }
  }

  return sorted.filter((c) => !dropped.has(c))
}
