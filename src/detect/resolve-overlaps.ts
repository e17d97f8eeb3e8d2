// When recognizers disagree about a span, keep what a reader would call the finding: the
// surer match of a category, the longer one when a value contains another (an IBAN holds
// digits that look like a phone number), and every category that is about as sure.
import type { Category } from './categories.js'
import type { Candidate } from './recognizer.js'

export interface Scored extends Candidate {
  readonly category: Category
  readonly recognizer: string
}

// Two categories on the same span both stay unless one is this much less sure.
const SAME_SPAN_MARGIN = 0.2

function overlaps(a: Scored, b: Scored): boolean {
  return a.start < b.end && b.start < a.end
}

function beats(a: Scored, b: Scored): boolean {
  if (a.category === b.category) {
    if (a.confidence !== b.confidence) return a.confidence > b.confidence
    return a.end - a.start >= b.end - b.start
  }

  const aContainsB = a.start <= b.start && a.end >= b.end
  const isSameSpan = a.start === b.start && a.end === b.end
  if (isSameSpan) return a.confidence - b.confidence > SAME_SPAN_MARGIN
  return aContainsB && a.confidence >= b.confidence
}

/** Candidates left after dropping those beaten by an overlapping one. */
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
