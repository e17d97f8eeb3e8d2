// Raw HTML as scan text. A DLP must see what a renderer hides: comments, display:none
// elements, attribute values (alt, title, href query strings) and values split by inline
// tags or written as character references. Text content comes first, in document order,
// with inline tags removed so "41<b>11</b>…" joins up; attribute values follow, one per
// line. Every character maps back to the raw HTML.
import { append } from './append.js'
import { BidiMarkup, type DirectionAttributes } from './html-bidi.js'
import { decodeReference, MAX_REFERENCE } from './html-entities.js'
import { MappedTextBuilder, type MappedText } from './mapped-text.js'

// Inline elements (HTML §3.2.5.2.5 phrasing content): removing them must not add a break.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'o:p',
  'strike',
  'big',
  'tt',
  'nobr',
  'label',
])
const CELL = new Set(['td', 'th'])

// A tag longer than this is not a tag (a stray '<' in text): bounds the look-ahead.
const MAX_TAG = 8192

export interface HtmlScanText extends MappedText {
  /** Ranges of the scan text inside <blockquote> or a mail client's quote container. */
  readonly quoted: readonly (readonly [number, number])[]
}

interface Attribute {
  readonly start: number
  readonly end: number
}

// Sticky: tried exactly at a '<' of the document, with no copy of the text after it.
const TAG_NAME = /<\/?([A-Za-z][A-Za-z0-9:-]{0,30})/y
const ATTRIBUTE =
  /([^\s"'>/=]{1,256})(?:\s{0,64}=\s{0,64}(?:"([^"]{0,8192})"|'([^']{0,8192})'|([^\s"'=<>`]{1,8192})))?/g
const QUOTE_CONTAINER =
  /\b(?:gmail_quote|divRplyFwdMsg|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b/

/**
 * Quoted reply history in HTML: <blockquote> (nested) and, from a mail client's reply
 * container (Gmail's gmail_quote, Outlook's divRplyFwdMsg, …) to the end of the text.
 */
class QuoteTracker {
  private readonly ranges: [number, number][] = []
  private readonly markedAttributes = new Set<number>()
  private blockquoteDepth = 0
  private blockquoteStart = 0
  private tailStart = -1

  onTag(name: string | undefined, isClosing: boolean, classes: string, at: number): void {
    if (name === 'blockquote' && isClosing && this.blockquoteDepth > 0) {
      this.blockquoteDepth--
      if (this.blockquoteDepth === 0) this.ranges.push([this.blockquoteStart, at])
    } else if (name === 'blockquote' && !isClosing) {
      if (this.blockquoteDepth === 0) this.blockquoteStart = at
      this.blockquoteDepth++
    }

    if (!isClosing && this.tailStart === -1 && QUOTE_CONTAINER.test(classes)) this.tailStart = at
  }

  isInside(): boolean {
    return this.blockquoteDepth > 0 || this.tailStart !== -1
  }

  markAttributes(from: number, to: number): void {
    for (let i = from; i < to; i++) this.markedAttributes.add(i)
  }

  isMarked(index: number): boolean {
    return this.markedAttributes.has(index)
  }

  finish(end: number): [number, number][] {
    if (this.blockquoteDepth > 0) this.ranges.push([this.blockquoteStart, end])
    if (this.tailStart !== -1) this.ranges.push([this.tailStart, end])
    return this.ranges
  }
}

/**
 * Finds the next `char` ('&', '%') at or after a position, remembering the last answer:
 * calls come in document order, so each is searched for once however many text runs or
 * attribute values lie before it.
 */
class CharCursor {
  private found = -2

  constructor(
    private readonly html: string,
    private readonly char: string,
  ) {}

  next(from: number): number {
    if (this.found !== -1 && this.found < from) this.found = this.html.indexOf(this.char, from)
    return this.found === -1 ? -1 : this.found
  }
}

/** Appends `html[from, to)` decoding character references, each mapped to its source. */
function appendDecoded(
  out: MappedTextBuilder,
  html: string,
  amps: CharCursor,
  from: number,
  to: number,
): void {
  let plain = from
  let i = amps.next(from)

  while (i !== -1 && i < to) {
    const ref = decodeReference(html.slice(i, Math.min(to, i + MAX_REFERENCE)))
    if (ref !== undefined) {
      out.appendSlice(html, plain, i)
      out.append(ref.char, i, i + ref.length)
      plain = i + ref.length
    }
    i = amps.next(ref === undefined ? i + 1 : plain)
  }

  out.appendSlice(html, plain, to)
}

/** Appends an attribute value, also undoing %XX escapes (URL query strings). */
function appendAttribute(
  out: MappedTextBuilder,
  html: string,
  amps: CharCursor,
  percents: CharCursor,
  a: Attribute,
): void {
  out.append('\n', a.start, a.start)

  let plain = a.start
  for (let i = percents.next(a.start); i !== -1 && i < a.end; i = percents.next(i + 1)) {
    const hex = html.slice(i + 1, i + 3)
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) continue

    const code = parseInt(hex, 16)
    if (code < 0x20 || code > 0x7e) continue

    appendDecoded(out, html, amps, plain, i)
    out.append(String.fromCharCode(code), i, i + 3)
    i += 2
    plain = i + 1
  }

  appendDecoded(out, html, amps, plain, a.end)
}

interface TagAttributes extends DirectionAttributes {
  /** Class names and id, space-separated (quote containers are named by them). */
  readonly classes: string
}

const NO_ATTRIBUTES: TagAttributes = { classes: '', dir: undefined, style: undefined }

function readAttributes(html: string, from: number, to: number, into: Attribute[]): TagAttributes {
  const body = html.slice(from, to)
  // Only name=value attributes carry text; most tags (<br>, <td>) have none.
  if (!body.includes('=')) return NO_ATTRIBUTES

  let classes = ''
  let dir: string | undefined
  let style: string | undefined

  // exec, not matchAll: matchAll copies the pattern on every call, a tag's largest cost.
  ATTRIBUTE.lastIndex = 0
  for (let m = ATTRIBUTE.exec(body); m !== null; m = ATTRIBUTE.exec(body)) {
    const value = m[2] ?? m[3] ?? m[4]
    if (value === undefined || value === '') continue

    const start = from + m.index + m[0].length - value.length - (m[4] === undefined ? 1 : 0)
    append(into, { start, end: start + value.length })
    const name = (m[1] ?? '').toLowerCase()
    if (name === 'class' || name === 'id') classes += ` ${value}`
    else if (name === 'dir') dir = value
    else if (name === 'style') style = value
  }

  return { classes, dir, style }
}

/**
 * Scan text of a raw HTML document.
 *
 * @example htmlScanText('<p>4111 <b>1111</b></p><img alt="x">').text // "\n4111 1111\n\nx"
 */
export function htmlScanText(html: string): HtmlScanText {
  const out = new MappedTextBuilder()
  const attributes: Attribute[] = []
  const quotes = new QuoteTracker()
  let text = 0
  let i = 0
  // The next '>' after the current '<', kept between tags: searching afresh from every stray
  // '<' would rescan the rest of a document without '>' once per '<' (quadratic).
  let nextGt = -2
  const amps = new CharCursor(html, '&')
  const bidi = new BidiMarkup()

  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt === -1) break

    if (html.startsWith('<!--', lt)) {
      appendDecoded(out, html, amps, text, lt)
      out.append(' ', lt, lt + 4)
      i = text = lt + 4
      continue
    }

    if (nextGt !== -1 && nextGt <= lt) nextGt = html.indexOf('>', lt + 1)
    const gt = nextGt
    TAG_NAME.lastIndex = lt
    const name = TAG_NAME.exec(html)?.[1]?.toLowerCase()
    const isDeclaration = html.charAt(lt + 1) === '!' || html.charAt(lt + 1) === '?'
    if (gt === -1 || gt - lt > MAX_TAG || (name === undefined && !isDeclaration)) {
      i = lt + 1
      continue
    }

    appendDecoded(out, html, amps, text, lt)
    const isClosing = html.charAt(lt + 1) === '/'
    const firstAttribute = attributes.length
    const nameEnd = lt + 1 + (isClosing ? 1 : 0) + (name?.length ?? 0)
    const hasAttributes = name !== undefined && !isClosing
    const tag = hasAttributes ? readAttributes(html, nameEnd, gt, attributes) : NO_ATTRIBUTES

    // A direction's control goes inside the element: after a block's line break when it
    // opens, before it when it closes.
    const isSelfClosing = html.charAt(gt - 1) === '/'
    const opener = hasAttributes ? bidi.onStart(name, tag, isSelfClosing) : ''
    const closer = isClosing && name !== undefined ? bidi.onEnd(name) : ''
    if (closer !== '') out.append(closer, lt, gt + 1)
    if (name !== undefined && !INLINE.has(name))
      out.append(CELL.has(name) ? '\t' : '\n', lt, gt + 1)
    if (opener !== '') out.append(opener, lt, gt + 1)
    quotes.onTag(name, isClosing, tag.classes, out.size())
    if (quotes.isInside()) quotes.markAttributes(firstAttribute, attributes.length)

    i = text = gt + 1
  }

  appendDecoded(out, html, amps, text, html.length)
  const quoted = quotes.finish(out.size())

  // Attribute values come in document order too: a second cursor for this second pass.
  const attributeAmps = new CharCursor(html, '&')
  const percents = new CharCursor(html, '%')
  attributes.forEach((a, index) => {
    const start = out.size()
    appendAttribute(out, html, attributeAmps, percents, a)
    if (quotes.isMarked(index)) quoted.push([start, out.size()])
  })

  return { ...out.build(), quoted }
}
