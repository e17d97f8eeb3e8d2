// String likeness for addresses, names and domains: edit distance, confusable skeletons and
// name normalisation.

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up with
 * `limit + 1` as soon as the distance must exceed `limit`.
 *
 * @example
 * editDistance('marta', 'martin', 2) // 2
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  if (a === b) return 0

  let before = new Array<number>(b.length + 1)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  let current = new Array<number>(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1)
      }
      current[j] = value
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > limit) return limit + 1
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[b.length] ?? 0
}

/**
 * Characters that render like Latin letters (Cyrillic, Greek, digits), from the Unicode
 * confusables list (UTS #39) restricted to what appears in look-alike domain attacks.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ɡ: 'g',
  ӏ: 'l',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ν: 'v',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '5': 's',
  '|': 'l',
  ı: 'i',
}

/** Multi-letter look-alikes in Latin text ("rn" reads as "m"). */
const DIGRAPHS: readonly [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
]

/**
 * A comparison form in which look-alike spellings coincide: NFKD without marks, confusables
 * mapped to Latin, `i`/`l` merged, digraphs folded.
 *
 * @example
 * skeleton('exаmple.com') === skeleton('example.com') // true (Cyrillic а)
 */
export function skeleton(text: string): string {
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  let mapped = ''
  for (const char of plain) mapped += CONFUSABLES[char] ?? char
  for (const [pattern, replacement] of DIGRAPHS) mapped = mapped.replace(pattern, replacement)
  return mapped.replace(/l/g, 'i')
}

/**
 * A display name in comparable form: lower case, no marks or punctuation, tokens sorted so
 * that "Lopez, Marta" and "Marta Lopez" agree.
 */
export function normalizeName(name: string): string {
  return nameTokens(name).sort().join(' ')
}

/** The words of a name or a mailbox local part, lower case, letters only. */
export function nameTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((token) => token.length > 0)
}
