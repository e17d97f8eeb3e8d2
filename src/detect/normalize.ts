// Unicode normalisation before matching: the tricks people use to slip a number past a
// scanner (zero-width characters, soft hyphens, full-width or mathematical digits, other
// digit systems, look-alike letters, Unicode dashes and spaces) are undone here, and every
// output character keeps the original range it came from.
import { identityText, MappedTextBuilder, type MappedText } from './mapped-text.js'

const NON_ASCII = /[^\t\n\r\u0020-\u007e]/
const ABOVE_ASCII = /[\u0080-\uffff]/g

// Cf: format characters (ZWSP U+200B, ZWJ, soft hyphen U+00AD, BOM, the bidi controls
// U+202A–U+202E, U+2066–U+2069, U+200E/U+200F and U+061C); Mn/Me: combining marks, which can
// be stacked on a digit to break a digit run; Default_Ignorable_Code_Point: what renderers
// draw as nothing although it is a letter (Hangul fillers U+115F, U+1160, U+3164, U+FFA0).
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]$/u
const DECIMAL_DIGIT = /^\p{Nd}$/u
const DASH = /^\p{Pd}$/u
const SPACE = /^\p{Zs}$/u
const LINE_SEPARATOR = /^[\u2028\u2029\u0085]$/u

// Letters that render like Latin ones (Unicode confusables, Cyrillic and Greek capitals and
// the common lower-case forms). Mapping them lets "IBAN GВ82…" with a Cyrillic В match.
const CONFUSABLES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
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
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
}

let digitValues: Map<number, number> | undefined

/**
 * Value of every Unicode decimal digit (category Nd). Nd digits come in runs of ten from
 * zero to nine, so the table is built once by walking the code space (about 10 ms).
 */
function decimalDigitValue(codePoint: number): number | undefined {
  if (digitValues === undefined) {
    digitValues = new Map()
    let run = 0

    for (let cp = 0x80; cp < 0x20000; cp++) {
      const isDigit = DECIMAL_DIGIT.test(String.fromCodePoint(cp))
      run = isDigit ? run + 1 : 0
      if (isDigit) digitValues.set(cp, (run - 1) % 10)
    }
  }

  return digitValues.get(codePoint)
}

// Replacements by code point, computed once each: the tests below are Unicode property
// regexes, and a text in German or French repeats the same few accented letters. One entry
// per distinct character: the cache cannot grow past the characters that occur.
const replacements = new Map<number, string>()

/** The replacement for one non-ASCII code point: '' drops it. */
function replacementFor(char: string, codePoint: number): string {
  const known = replacements.get(codePoint)
  if (known !== undefined) return known

  const replacement = computeReplacement(char, codePoint)
  replacements.set(codePoint, replacement)
  return replacement
}

function computeReplacement(char: string, codePoint: number): string {
  if (INVISIBLE.test(char)) return ''

  const digit = decimalDigitValue(codePoint)
  if (digit !== undefined) return String(digit)

  if (DASH.test(char)) return '-'
  if (SPACE.test(char)) return ' '
  if (LINE_SEPARATOR.test(char)) return '\n'

  const confusable = CONFUSABLES[char]
  if (confusable !== undefined) return confusable

  const folded = char.normalize('NFKC')
  return folded === char ? char : replacementForFolded(folded)
}

// NFKC can yield characters that need a second pass (full-width digits become ASCII at once,
// but e.g. U+2474 "⑴" becomes "(1)"); one more pass over its output, without recursion.
function replacementForFolded(folded: string): string {
  let out = ''

  for (const ch of folded) {
    out += INVISIBLE.test(ch) ? '' : DASH.test(ch) ? '-' : SPACE.test(ch) ? ' ' : ch
  }

  return out
}

/**
 * Normalises `text` for matching and maps every output character back to `text`.
 *
 * @example normalizeText('４１１１\u200b1111').text === '41111111'
 */
export function normalizeText(text: string): MappedText {
  if (!NON_ASCII.test(text)) return identityText(text)

  const out = new MappedTextBuilder()
  let asciiStart = 0
  let i = 0

  while (i < text.length) {
    if (text.charCodeAt(i) < 0x80) {
      // ASCII is kept as it is: the next character past it is found natively.
      ABOVE_ASCII.lastIndex = i
      i = ABOVE_ASCII.exec(text)?.index ?? text.length
      continue
    }

    const code = text.charCodeAt(i)
    out.appendSlice(text, asciiStart, i)

    const codePoint = text.codePointAt(i) ?? code
    const width = codePoint > 0xffff ? 2 : 1
    const char = text.slice(i, i + width)
    const replacement = replacementFor(char, codePoint)
    if (replacement !== '') out.append(replacement, i, i + width)

    i += width
    asciiStart = i
  }

  out.appendSlice(text, asciiStart, text.length)
  return out.build()
}
