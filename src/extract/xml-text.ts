// Text of an Office XML part (OOXML or ODF) as a reader would read it: runs joined, paragraphs,
// cells and properties separated, entities decoded. Every element is read, hidden or not.
import { decodeEntities } from './html-text.js'

// Elements that hold a piece of a run of text: joined to their neighbours without a break,
// because Word splits a number over runs whenever formatting or revision marks change.
// WordprocessingML t/delText/insText/instrText (ECMA-376 §17.3.3), DrawingML t, ODF span/a/s.
const RUN_ELEMENTS = new Set([
  't',
  'r',
  'delText',
  'insText',
  'ins',
  'hyperlink',
  'smartTag',
  'fldSimple',
  'span',
  'a',
  's',
  'sdtContent',
])

// Elements after which a reader sees a break (paragraphs, table rows, list items, shapes).
const BLOCK_ELEMENTS = new Set([
  'p',
  'h',
  'tr',
  'row',
  'si',
  'sp',
  'txBody',
  'comment',
  'footnote',
  'endnote',
  'list-item',
  'table-row',
  'note',
  'annotation',
])

const CELL_ELEMENTS = new Set(['tc', 'c', 'table-cell'])

// Attributes that carry text a reader can see: alt text (descr/title) and ODF cell values
// (`office:value` keeps a number's exact digits when the shown text is rounded).
const TEXT_ATTRIBUTES = /\s(?:[\w-]+:)?(descr|title|value|string-value)="([^"]*)"/g

const TOKEN =
  /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)([\w.-]+:)?([\w.-]+)([^>]*?)(\/?)>|([^<]+)/g

// WordprocessingML deleted runs (ECMA-376 §17.13.5.14 del, §17.13.5.22 moveFrom) are an
// older version of the text: read apart, after the document, so that neither the current text
// nor the deleted one is broken or glued to its neighbours (C25).
const DELETION_ELEMENTS = new Set(['del', 'moveFrom'])

/** Text of one XML document. */
export function textOfXml(xml: string): string {
  const current: string[] = []
  const deleted: string[] = []
  let out = current
  let deletionDepth = 0
  let lastTextElement = ''
  let open = ''

  const breakWith = (separator: string): void => {
    const last = out.at(-1)
    if (last !== undefined && last !== '\n' && last !== '\t') out.push(separator)
  }

  for (const m of xml.matchAll(TOKEN)) {
    const [, cdata, closing, , local, attributes, selfClosing, text] = m

    if (cdata !== undefined) out.push(cdata)
    if (text !== undefined && isIndentation(text)) continue
    if (text !== undefined) {
      out.push(decodeEntities(text))
      lastTextElement = open
    }
    if (local === undefined) continue

    if (closing === '/') {
      if (DELETION_ELEMENTS.has(local) && deletionDepth > 0) {
        deletionDepth -= 1
        deleted.push('\n')
        if (deletionDepth === 0) out = current
        continue
      }
      if (BLOCK_ELEMENTS.has(local)) breakWith('\n')
      else if (CELL_ELEMENTS.has(local)) breakWith('\t')
      else if (local === lastTextElement && !RUN_ELEMENTS.has(local)) breakWith('\n')
      continue
    }

    open = local
    if (DELETION_ELEMENTS.has(local) && selfClosing !== '/') {
      deletionDepth += 1
      out = deleted
      continue
    }
    if (local === 'tab') out.push('\t')
    if (local === 'br' || local === 'cr' || local === 'line-break') out.push('\n')
    if (local === 's' && selfClosing === '/') out.push(' ')

    for (const a of (attributes ?? '').matchAll(TEXT_ATTRIBUTES)) {
      if ((a[2] ?? '').length > 0) out.push(` ${decodeEntities(a[2] ?? '')} `)
    }
    if (selfClosing === '/' && BLOCK_ELEMENTS.has(local)) breakWith('\n')
  }

  return [...current, '\n', ...deleted]
    .join('')
    .replace(/[ \t]*\n\s*/g, '\n')
    .trim()
}

/** Whitespace with a line break between tags is layout of the XML file, not document text. */
function isIndentation(text: string): boolean {
  return text.includes('\n') && text.trim().length === 0
}

const SCIENTIFIC = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/

/**
 * A number as the exact digits of its stored decimal form: "4.111111111111111E+15" becomes
 * "4111111111111111" by moving the decimal point, never through a float, so no digit changes.
 * Other strings are returned unchanged.
 */
export function exactDigits(value: string): string {
  const m = SCIENTIFIC.exec(value.trim())
  if (m === null) return value

  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = m
  const exponent = Number.parseInt(exponentText, 10)
  if (Math.abs(exponent) > 40) return value

  const digits = whole + fraction
  const point = whole.length + exponent

  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '')
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)

  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}
