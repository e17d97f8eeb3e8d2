// Cells of an Excel 97-2003 (BIFF8) or Excel 5 (BIFF5) workbook stream (MS-XLS): every sheet,
// hidden or not, strings from the shared table, numbers as exact digits, cached formula values.
import iconv from 'iconv-lite'

import type { LegacyText } from './legacy-word.js'

// MS-XLS §2.3 record types.
const FILEPASS = 0x002f
const SST = 0x00fc
const CONTINUE = 0x003c
const LABELSST = 0x00fd
const LABEL = 0x0204
const NUMBER = 0x0203
const RK = 0x027e
const MULRK = 0x00bd
const FORMULA = 0x0006
const STRING = 0x0207
const BOUNDSHEET = 0x0085
const BOF = 0x0809
const TXO = 0x01b6

interface BiffRecord {
  readonly type: number
  readonly data: Buffer
}

/** One line per row, cells separated by tabs; sheets introduced by their names. */
export function textOfLegacyExcel(stream: Buffer | undefined): LegacyText {
  if (stream === undefined) return { ok: false, status: 'unscannable', reason: 'xls: no stream' }

  const records = [...recordsOf(stream)]
  if (records.some((r) => r.type === FILEPASS)) {
    return { ok: false, status: 'encrypted', reason: 'xls: password protected' }
  }

  const bof = records.find((r) => r.type === BOF)
  const isBiff8 = bof !== undefined && bof.data.readUInt16LE(0) === 0x0600
  const shared = isBiff8 ? sharedStrings(records) : []
  const out: string[] = []
  let lastRow = -1

  for (const [index, { type, data }] of records.entries()) {
    const cell = cellValues(type, data, records[index + 1], shared, isBiff8)
    if (cell === undefined) continue

    out.push(cell.row === lastRow ? '\t' : '\n', cell.values.join('\t'))
    lastRow = cell.row
  }

  const notes = isBiff8 ? textBoxesOf(records) : []
  return { ok: true, text: [out.join('').trim(), ...notes].join('\n').trim() }
}

/**
 * Cell comments and text boxes (MS-XLS §2.4.329 TxO): the record gives the character count,
 * the CONTINUE records after it hold the characters, each starting with a flags byte saying
 * whether they are 8- or 16-bit (§2.5.296 XLUnicodeStringNoCch), then the formatting runs.
 */
function textBoxesOf(records: readonly BiffRecord[]): string[] {
  const texts: string[] = []

  for (const [index, { type, data }] of records.entries()) {
    if (type !== TXO || data.length < 12) continue

    let left = data.readUInt16LE(10)
    const pieces: string[] = []
    for (let i = index + 1; left > 0 && records[i]?.type === CONTINUE; i += 1) {
      const chunk = records[i]?.data ?? Buffer.alloc(0)
      const isWide = ((chunk[0] ?? 0) & 0x01) !== 0
      const available = Math.floor((chunk.length - 1) / (isWide ? 2 : 1))
      const count = Math.min(left, available)
      const bytes = chunk.subarray(1, 1 + count * (isWide ? 2 : 1))
      pieces.push(isWide ? bytes.toString('utf16le') : bytes.toString('latin1'))
      left -= count
    }
    if (pieces.length > 0) texts.push(pieces.join(''))
  }

  return texts
}

function* recordsOf(stream: Buffer): Generator<BiffRecord> {
  let pos = 0
  while (pos + 4 <= stream.length) {
    const type = stream.readUInt16LE(pos)
    const length = stream.readUInt16LE(pos + 2)
    yield { type, data: stream.subarray(pos + 4, pos + 4 + length) }
    pos += 4 + length
  }
}

function cellValues(
  type: number,
  data: Buffer,
  next: BiffRecord | undefined,
  shared: readonly string[],
  isBiff8: boolean,
): { row: number; values: string[] } | undefined {
  if (data.length < 6 && type !== BOUNDSHEET) return undefined

  switch (type) {
    case LABELSST:
      return { row: data.readUInt16LE(0), values: [shared[data.readUInt32LE(6)] ?? ''] }
    case LABEL:
      return { row: data.readUInt16LE(0), values: [unicodeString(data, 6, isBiff8, 2)] }
    case NUMBER:
      return { row: data.readUInt16LE(0), values: [exactNumber(data.readDoubleLE(6))] }
    case RK:
      return { row: data.readUInt16LE(0), values: [exactNumber(decodeRk(data.readUInt32LE(6)))] }
    case MULRK:
      return { row: data.readUInt16LE(0), values: mulRkValues(data) }
    case FORMULA:
      return { row: data.readUInt16LE(0), values: [formulaValue(data, next, isBiff8)] }
    case BOUNDSHEET:
      return { row: -2, values: [unicodeString(data, 6, isBiff8, 1)] }
    default:
      return undefined
  }
}

function formulaValue(data: Buffer, next: BiffRecord | undefined, isBiff8: boolean): string {
  // MS-XLS §2.5.133: 0xFFFF in the top bytes marks a non-number; a string result follows in
  // the next STRING record.
  if (data.readUInt16LE(12) !== 0xffff) return exactNumber(data.readDoubleLE(6))
  if (data[6] === 0 && next?.type === STRING) return unicodeString(next.data, 0, isBiff8, 2)
  return ''
}

function mulRkValues(data: Buffer): string[] {
  const values: string[] = []
  for (let pos = 4; pos + 6 <= data.length - 2; pos += 6) {
    values.push(exactNumber(decodeRk(data.readUInt32LE(pos + 2))))
  }
  return values
}

/** MS-XLS §2.5.217 RkNumber: a 30-bit integer or the top 30 bits of a double, maybe /100. */
export function decodeRk(rk: number): number {
  const isInteger = (rk & 0x02) !== 0
  let value: number
  if (isInteger) {
    value = rk >> 2
  } else {
    const bytes = Buffer.alloc(8)
    bytes.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4)
    value = bytes.readDoubleLE(0)
  }
  return (rk & 0x01) !== 0 ? value / 100 : value
}

/** Integers as their digits (never 4.11E+15); other numbers in JavaScript's shortest form. */
export function exactNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0)
  return String(value)
}

/** XLUnicodeString (BIFF8: count, flags, chars) or a BIFF5 byte string. */
function unicodeString(data: Buffer, pos: number, isBiff8: boolean, countBytes: 1 | 2): string {
  const count = countBytes === 2 ? data.readUInt16LE(pos) : (data[pos] ?? 0)
  const start = pos + countBytes

  if (!isBiff8) return iconv.decode(data.subarray(start, start + count), 'windows-1252')

  const isWide = ((data[start] ?? 0) & 0x01) !== 0
  const chars = data.subarray(start + 1, start + 1 + count * (isWide ? 2 : 1))
  return isWide ? chars.toString('utf16le') : chars.toString('latin1')
}

/**
 * The shared string table (MS-XLS §2.4.265). It spans CONTINUE records; a string cut by a
 * record boundary resumes with a fresh flags byte saying whether the rest is 8- or 16-bit.
 */
function sharedStrings(records: readonly BiffRecord[]): string[] {
  const start = records.findIndex((r) => r.type === SST)
  if (start === -1) return []

  const segments = [records[start]?.data.subarray(8) ?? Buffer.alloc(0)]
  for (let i = start + 1; records[i]?.type === CONTINUE; i += 1) {
    segments.push(records[i]?.data ?? Buffer.alloc(0))
  }

  const reader = new SegmentReader(segments)
  const total = records[start]?.data.readUInt32LE(4) ?? 0
  const strings: string[] = []

  while (strings.length < total && !reader.isDone()) {
    const count = reader.u16()
    const flags = reader.u8()
    const runs = (flags & 0x08) !== 0 ? reader.u16() : 0
    const extra = (flags & 0x04) !== 0 ? reader.u32() : 0

    strings.push(reader.chars(count, (flags & 0x01) !== 0))
    reader.skip(runs * 4 + extra)
  }

  return strings
}

class SegmentReader {
  private segment = 0
  private offset = 0

  constructor(private readonly segments: readonly Buffer[]) {}

  isDone(): boolean {
    return this.segment >= this.segments.length
  }

  u8(): number {
    this.advanceIfAtEnd()
    const value = this.current()[this.offset] ?? 0
    this.offset += 1
    return value
  }

  u16(): number {
    return this.u8() | (this.u8() << 8)
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0
  }

  skip(bytes: number): void {
    for (let i = 0; i < bytes && !this.isDone(); i += 1) this.u8()
  }

  chars(count: number, isWide: boolean): string {
    const out: string[] = []
    let wide = isWide

    while (out.length < count && !this.isDone()) {
      if (this.offset >= this.current().length) {
        this.segment += 1
        this.offset = 0
        if (this.isDone()) break
        wide = (this.u8() & 0x01) !== 0
        continue
      }
      const code = wide
        ? this.current().readUInt16LE(this.offset)
        : (this.current()[this.offset] ?? 0)
      this.offset += wide ? 2 : 1
      out.push(String.fromCharCode(code))
    }

    return out.join('')
  }

  private current(): Buffer {
    return this.segments[this.segment] ?? Buffer.alloc(0)
  }

  private advanceIfAtEnd(): void {
    while (!this.isDone() && this.offset >= this.current().length) {
      this.segment += 1
      this.offset = 0
    }
  }
}
