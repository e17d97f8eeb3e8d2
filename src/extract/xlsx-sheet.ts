// SpreadsheetML cells as lines of text: shared strings resolved, numbers as exact digits,
// formulas and their cached values both kept. Every sheet and row is read, hidden or not.
import { decodeEntities } from './html-text.js'
import { exactDigits, textOfXml } from './xml-text.js'

const SHARED_ITEM = /<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g

/** The shared-string table of `xl/sharedStrings.xml`, in index order. */
export function sharedStringsOf(xml: string): string[] {
  return [...xml.matchAll(SHARED_ITEM)].map((m) => textOfXml(m[1] ?? '').replace(/\n/g, ' '))
}

const ROW = /<(?:\w+:)?row\b[^>]*>([\s\S]*?)<\/(?:\w+:)?row>/g
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g
const VALUE = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/
const FORMULA = /<(?:\w+:)?f\b[^>]*>([\s\S]*?)<\/(?:\w+:)?f>/
const INLINE = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/
const TYPE = /\bt="(\w+)"/

/** One line per row, cells separated by tabs. */
export function textOfSheet(xml: string, shared: readonly string[]): string {
  const lines: string[] = []

  for (const row of xml.matchAll(ROW)) {
    const cells = [...(row[1] ?? '').matchAll(CELL)].map((c) =>
      cellText(c[1] ?? '', c[2] ?? '', shared),
    )
    const line = cells.filter((c) => c.length > 0).join('\t')
    if (line.length > 0) lines.push(line)
  }

  return lines.join('\n')
}

function cellText(attributes: string, body: string, shared: readonly string[]): string {
  const type = TYPE.exec(attributes)?.[1] ?? 'n'
  const value = decodeEntities(VALUE.exec(body)?.[1] ?? '')
  const formula = decodeEntities(FORMULA.exec(body)?.[1] ?? '')

  let shown: string
  if (type === 's') shown = shared[Number.parseInt(value, 10)] ?? ''
  else if (type === 'inlineStr') shown = textOfXml(INLINE.exec(body)?.[1] ?? '')
  else if (type === 'n') shown = exactDigits(value)
  else shown = value

  return formula.length > 0 ? `${shown} =${formula}` : shown
}
