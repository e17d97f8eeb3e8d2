// Text of the binary parts of an Excel binary workbook (XLSB, MS-XLSB): sheet names from
// workbook.bin, the shared strings, every cell of every sheet (hidden and very hidden ones
// too, since a sheet's state is only a flag in the workbook) and cell comments.
import { decodeRk, exactNumber } from './legacy-excel.js'

// MS-XLSB §2.3.2 record types.
const BRT_CELL_RK = 2
const BRT_CELL_ERROR = 3
const BRT_CELL_BOOL = 4
const BRT_CELL_REAL = 5
const BRT_CELL_ST = 6
const BRT_CELL_ISST = 7
const BRT_FMLA_STRING = 8
const BRT_FMLA_NUM = 9
const BRT_FMLA_BOOL = 10
const BRT_ROW_HDR = 0
const BRT_SST_ITEM = 19
const BRT_BUNDLE_SH = 156
const BRT_COMMENT_TEXT = 637

/** §2.5.9 Cell: column (4 bytes), style index (3 bytes) and flags (1 byte) before the value. */
const CELL_HEADER_BYTES = 8

interface Brt {
  readonly type: number
  readonly data: Buffer
}

/**
 * Records of one part (§2.1.4): the type is 1-2 bytes and the size 1-4 bytes, 7 bits each,
 * the high bit saying another byte follows. Stops at a record running past the part's end.
 */
export function* recordsOfXlsb(part: Buffer): Generator<Brt> {
  let pos = 0

  while (pos < part.length) {
    const type = readVarint(part, pos, 2)
    if (type === undefined) return
    const size = readVarint(part, type.next, 4)
    if (size === undefined || size.next + size.value > part.length) return

    yield { type: type.value, data: part.subarray(size.next, size.next + size.value) }
    pos = size.next + size.value
  }
}

function readVarint(
  part: Buffer,
  start: number,
  maxBytes: number,
): { value: number; next: number } | undefined {
  let value = 0
  for (let i = 0; i < maxBytes; i += 1) {
    const byte = part[start + i]
    if (byte === undefined) return undefined

    value += (byte & 0x7f) * 2 ** (7 * i)
    if ((byte & 0x80) === 0) return { value, next: start + i + 1 }
  }
  return { value, next: start + maxBytes }
}

/** §2.5.166 XLWideString: a 4-byte character count, then UTF-16LE; cut at the record's end. */
function wideString(data: Buffer, pos: number): { text: string; next: number } {
  if (pos + 4 > data.length) return { text: '', next: data.length }

  const count = data.readUInt32LE(pos)
  const end = Math.min(data.length, pos + 4 + count * 2)
  return { text: data.subarray(pos + 4, end).toString('utf16le'), next: end }
}

/** The shared string table (xl/sharedStrings.bin, BrtSSTItem: a flags byte, then the string). */
export function sharedStringsOfXlsb(part: Buffer): string[] {
  const strings: string[] = []
  for (const { type, data } of recordsOfXlsb(part)) {
    if (type === BRT_SST_ITEM) strings.push(wideString(data, 1).text)
  }
  return strings
}

/** Sheet names in workbook order (BrtBundleSh: state, tab id, relationship id, name). */
export function sheetNamesOfXlsb(part: Buffer): string[] {
  const names: string[] = []

  for (const { type, data } of recordsOfXlsb(part)) {
    if (type !== BRT_BUNDLE_SH || data.length < 12) continue

    // §2.5.167 XLNullableWideString: 0xFFFFFFFF marks a null relationship id.
    const relCount = data.readUInt32LE(8)
    const nameAt = relCount === 0xffffffff ? 12 : 12 + relCount * 2
    names.push(wideString(data, nameAt).text)
  }

  return names
}

/** One line per row, cells separated by tabs; numbers as exact digits (never 4.11E+15). */
export function textOfXlsbSheet(part: Buffer, shared: readonly string[]): string {
  const rows: string[][] = []
  let row: string[] | undefined

  for (const { type, data } of recordsOfXlsb(part)) {
    if (type === BRT_ROW_HDR) {
      row = []
      rows.push(row)
      continue
    }

    const value = cellText(type, data, shared)
    if (value === undefined || value.length === 0) continue
    if (row === undefined) {
      row = []
      rows.push(row)
    }
    row.push(value)
  }

  return rows
    .map((cells) => cells.join('\t'))
    .filter((line) => line.length > 0)
    .join('\n')
}

// TODO: Formulas are read as their cached values only; the formula token arrays (CellParsedFormula,
// MS-XLSB §2.5.97) are not decompiled into text, so a value typed only into a formula string
// literal of an XLSB is missed (XLSX gives both the formula and its value).
function cellText(type: number, data: Buffer, shared: readonly string[]): string | undefined {
  if (data.length < CELL_HEADER_BYTES) return undefined
  const at = CELL_HEADER_BYTES

  switch (type) {
    case BRT_CELL_RK:
      return data.length < at + 4 ? undefined : exactNumber(decodeRk(data.readUInt32LE(at)))
    case BRT_CELL_REAL:
    case BRT_FMLA_NUM:
      return data.length < at + 8 ? undefined : exactNumber(data.readDoubleLE(at))
    case BRT_CELL_ST:
    case BRT_FMLA_STRING:
      return wideString(data, at).text
    case BRT_CELL_ISST:
      return data.length < at + 4 ? undefined : (shared[data.readUInt32LE(at)] ?? '')
    case BRT_CELL_BOOL:
    case BRT_FMLA_BOOL:
      return data[at] === 1 ? 'TRUE' : 'FALSE'
    case BRT_CELL_ERROR:
      return undefined
    default:
      return undefined
  }
}

/** Comment texts of a comments part (BrtCommentText holds a RichStr: flags, then a string). */
export function textOfXlsbComments(part: Buffer): string {
  const texts: string[] = []
  for (const { type, data } of recordsOfXlsb(part)) {
    if (type === BRT_COMMENT_TEXT) texts.push(wideString(data, 1).text)
  }
  return texts.join('\n')
}
