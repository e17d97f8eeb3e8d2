// What a reader sees when bidirectional text reorders characters. A right-to-left override
// (U+202E … U+202C) displays "1111 1111 1111 1114" as "4111 1111 1111 1111"; a right-to-left
// mark or a Hebrew letter before spaced digit groups displays the groups in reverse order.
// Normalisation strips the controls (logical order); this module adds, after every line whose
// display order differs, that line again in display order, so both readings are scanned. The
// Unicode Bidirectional Algorithm (UAX #9) comes from bidi-js, which passes its conformance
// tests.
import bidiExport from 'bidi-js'

import { identityText, MappedTextBuilder, type MappedText } from './mapped-text.js'

// bidi-js's typings declare an ES default export, but the CommonJS build Node loads exports
// the factory itself; whichever of the two arrives is the factory.
type BidiFactory = typeof bidiExport.default
const exported: unknown = bidiExport
const bidiFactory = (typeof exported === 'function' ? exported : bidiExport.default) as BidiFactory
const bidi = bidiFactory()

// Characters that can reorder a left-to-right paragraph: right-to-left letters (Hebrew,
// Arabic, Syriac, Thaana, N'Ko and the other RTL blocks, presentation forms, the RTL scripts
// of the supplementary planes) and the controls RLM, RLE, RLO, RLI and FSI. A text without
// any is displayed in logical order and skips the algorithm. A superset is fine here: the
// algorithm decides.
const MAY_REORDER =
  /[\u0590-\u08ff\u200f\u202b\u202e\u2067\u2068\ufb1d-\ufdff\ufe70-\ufefe]|[\ud802\ud803\ud83a\ud83b][\udc00-\udfff]/

// Explicit formatting characters (UAX #9 §2) and the implicit marks: invisible, and stripped
// by normalisation anyway, so left out of the display copy.
const BIDI_CONTROL = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/

// A blank line between a line and its display copy: card and IBAN patterns may cross one line
// break (a number wrapped at the line end), never two, so the end of one cannot join the
// start of the other.
const SEPARATOR = '\n\n'

type EmbeddingLevels = ReturnType<typeof bidi.getEmbeddingLevels>
type Paragraph = EmbeddingLevels['paragraphs'][number]

/** Code-unit indices of `text[start..end]` (inclusive) in display order, left to right. */
function displayOrder(
  text: string,
  levels: EmbeddingLevels,
  paragraph: Paragraph,
  end: number,
): number[] | undefined {
  // getReorderSegments walks every paragraph it is given: handing it this one alone keeps a
  // text of many reordered lines linear.
  const one = { levels: levels.levels, paragraphs: [paragraph] }
  const start = paragraph.start
  const flips = bidi.getReorderSegments(text, one, start, end)
  if (flips.length === 0) return undefined

  const order: number[] = []
  for (let i = start; i <= end; i++) order.push(i)

  for (const [from = 0, to = -1] of flips) {
    for (let a = from - start, b = to - start; a < b; a++, b--) {
      const held = order[a] ?? 0
      order[a] = order[b] ?? 0
      order[b] = held
    }
  }

  return order.some((index, k) => index !== start + k) ? order : undefined
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** Appends the display copy of one line: controls dropped, pairs kept whole, RTL mirrored. */
function appendDisplayLine(
  out: MappedTextBuilder,
  text: string,
  levels: Uint8Array,
  order: readonly number[],
): void {
  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0
    const code = text.charCodeAt(i)

    // Reversal puts a surrogate pair's low half first; the pair is one character.
    if (isLow(code) && order[k + 1] === i - 1 && isHigh(text.charCodeAt(i - 1))) {
      out.appendSlice(text, i - 1, i + 1)
      k++
      continue
    }

    const char = text.charAt(i)
    if (BIDI_CONTROL.test(char)) continue

    // UAX #9 L4: a mirrored character at a right-to-left level shows its mirror image.
    const isRtl = ((levels[i] ?? 0) & 1) === 1
    const mirrored = isRtl ? bidi.getMirroredCharacter(char) : null
    if (mirrored !== null) out.append(mirrored, i, i + 1)
    else out.appendSlice(text, i, i + 1)
  }
}

/**
 * `text` with, after each left-to-right line that bidi controls or right-to-left characters
 * reorder, a blank line and the line as displayed. The copy's characters map to the
 * original characters they show, so the mapping is no longer in order (`isReordered`).
 * Right-to-left paragraphs are read right to left, in logical order, and get no copy.
 *
 * @example withDisplayOrder('card \u202e1111 1111 1111 1114\u202c').text
 * // 'card \u202e1111 1111 1111 1114\u202c\n\ncard 4111 1111 1111 1111'
 */
export function withDisplayOrder(text: string): MappedText {
  if (!MAY_REORDER.test(text)) return identityText(text)

  const levels = bidi.getEmbeddingLevels(text, 'auto')
  const out = new MappedTextBuilder()
  let copied = 0

  for (const paragraph of levels.paragraphs) {
    if (paragraph.level % 2 === 1) continue

    // A paragraph ends with its separator (a line break) when it has one.
    const last = text.charAt(paragraph.end)
    const end = last === '\n' || last === '\r' ? paragraph.end - 1 : paragraph.end
    const lineEnd = text.charAt(end) === '\r' ? end - 1 : end
    const order =
      lineEnd >= paragraph.start ? displayOrder(text, levels, paragraph, lineEnd) : undefined
    if (order === undefined) continue

    out.appendSlice(text, copied, lineEnd + 1)
    out.append(SEPARATOR, lineEnd + 1, lineEnd + 1)
    appendDisplayLine(out, text, levels.levels, order)
    copied = lineEnd + 1
  }

  if (copied === 0) return identityText(text)

  out.appendSlice(text, copied, text.length)
  return { ...out.build(), isReordered: true }
}
