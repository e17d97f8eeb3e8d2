// Turns a TextSource into scan text: raw HTML is flattened first (comments, hidden elements
// and attribute values kept), lines that bidirectional text reorders are repeated in display
// order, then Unicode is normalised; the mappings are composed so offsets lead straight back
// to the source.
import { withDisplayOrder } from './bidi-order.js'
import { htmlScanText } from './html-text.js'
import { composeMapped, originalRange, type MappedText } from './mapped-text.js'
import { normalizeText } from './normalize.js'
import type { TextSource } from './types.js'

export interface PreparedText {
  readonly mapped: MappedText
  /** Quoted ranges the HTML structure shows (<blockquote>, reply containers), in source offsets. */
  readonly quotedInSource: readonly (readonly [number, number])[]
}

/** Display order, then normalisation, of text that is already plain. */
function normalizePlain(text: string): MappedText {
  const displayed = withDisplayOrder(text)
  return composeMapped(displayed, normalizeText(displayed.text))
}

/** Scan text of one source, with its mapping to the source text. */
export function prepareText(source: TextSource): PreparedText {
  if (source.origin !== 'body-html')
    return { mapped: normalizePlain(source.text), quotedInSource: [] }

  const html = htmlScanText(source.text)
  const mapped = composeMapped(html, normalizePlain(html.text))
  const quotedInSource = html.quoted.map(([a, b]) =>
    b > a ? originalRange(html, a, b) : ([0, 0] as const),
  )

  return { mapped, quotedInSource }
}
