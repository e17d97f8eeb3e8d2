// Context words raise a finding's confidence when they sit near it (Presidio's model). They
// match as whole words: "ssn" must not fire inside "lessons".

// How far to look: about ten words before a value and five after it.
const BEFORE_CHARS = 72
const AFTER_CHARS = 36

/** A whole-word, case-insensitive matcher for a list of context phrases. */
export function contextWords(phrases: readonly string[]): RegExp {
  const escaped = phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'))
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'iu')
}

/**
 * The phrases `contextWords` built `words` from, lower-cased: each context match holds the
 * words of one of them (between which any white space or none may stand) once lower-cased.
 */
export function contextPhrases(words: RegExp): string[] {
  const inner = /^\(\?<!\[\\p\{L\}\\p\{N\}\]\)\(\?:(.*)\)\(\?!\[\\p\{L\}\\p\{N\}\]\)$/.exec(
    words.source,
  )
  if (inner === null) throw new Error(`not built by contextWords: ${words.source}`)

  return (inner[1] ?? '')
    .split('|')
    .map((p) => p.replace(/\\s\*/g, ' ').replace(/\\(.)/g, '$1').toLowerCase())
}

/** True when one of `words` occurs near `[start, end)` of `text`. */
export function hasContext(text: string, start: number, end: number, words: RegExp): boolean {
  const before = text.slice(Math.max(0, start - BEFORE_CHARS), start)
  const after = text.slice(end, Math.min(text.length, end + AFTER_CHARS))

  return words.test(before) || words.test(after)
}
