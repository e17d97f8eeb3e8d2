// OLE property sets of legacy Office files (MS-OLEPS): the "\x05SummaryInformation" stream
// (title, subject, author, keywords, comments) and "\x05DocumentSummaryInformation" (company,
// manager, and the user-defined set where Purview keeps MSIP_Label_* properties, M365.md §7.2).
import iconv from 'iconv-lite'

/** String properties of one stream: named ones (user-defined) with their names. */
export interface OleProperties {
  readonly values: readonly string[]
  readonly named: readonly (readonly [string, string])[]
}

// MS-OLEPS §2.15: property 0 is the dictionary (names of user-defined properties), 1 the code
// page of the set's 8-bit strings.
const DICTIONARY = 0
const CODEPAGE = 1

// §2.15 property types that hold text.
const VT_LPSTR = 0x1e
const VT_LPWSTR = 0x1f

/** More properties than this in one set is not an Office file but a crafted stream. */
const MAX_PROPERTIES = 1024

/** Every string value of a property set stream, and user-defined ones by name. Never throws. */
export function readOleProperties(stream: Buffer | undefined): OleProperties {
  const values: string[] = []
  const named: [string, string][] = []
  if (stream === undefined || stream.length < 48 || stream.readUInt16LE(0) !== 0xfffe) {
    return { values, named }
  }

  const sets = Math.min(stream.readUInt32LE(24), 2)
  for (let i = 0; i < sets; i += 1) {
    const at = 28 + i * 20 + 16
    if (at + 4 > stream.length) break
    readSet(stream, stream.readUInt32LE(at), values, named)
  }

  return { values, named }
}

function readSet(stream: Buffer, start: number, values: string[], named: [string, string][]): void {
  if (start + 8 > stream.length) return
  const set = stream.subarray(start, Math.min(stream.length, start + stream.readUInt32LE(start)))
  if (set.length < 8) return

  const count = Math.min(set.readUInt32LE(4), MAX_PROPERTIES)
  const offsets = new Map<number, number>()
  for (let i = 0; i < count && 8 + i * 8 + 8 <= set.length; i += 1) {
    offsets.set(set.readUInt32LE(8 + i * 8), set.readUInt32LE(12 + i * 8))
  }

  const codepageAt = offsets.get(CODEPAGE)
  const hasCodepage = codepageAt !== undefined && codepageAt + 6 <= set.length
  const codepage = hasCodepage ? set.readUInt16LE(codepageAt + 4) : 1252
  const decode = (bytes: Buffer): string => decodeCodepage(bytes, codepage)
  const dictionaryAt = offsets.get(DICTIONARY)
  const names =
    dictionaryAt === undefined
      ? new Map<number, string>()
      : dictionaryOf(set, dictionaryAt, codepage)

  for (const [id, offset] of offsets) {
    if (id === DICTIONARY || id === CODEPAGE) continue
    const value = stringAt(set, offset, decode)
    if (value === undefined || value.length === 0) continue

    values.push(value)
    const name = names.get(id)
    if (name !== undefined) named.push([name, value])
  }
}

function stringAt(set: Buffer, offset: number, decode: (b: Buffer) => string): string | undefined {
  if (offset + 8 > set.length) return undefined

  const type = set.readUInt16LE(offset)
  const size = set.readUInt32LE(offset + 4)
  if (type === VT_LPSTR) return clean(decode(set.subarray(offset + 8, offset + 8 + size)))
  if (type === VT_LPWSTR) {
    return clean(set.subarray(offset + 8, offset + 8 + size * 2).toString('utf16le'))
  }
  return undefined
}

/** §2.17 Dictionary: count, then (id, length, name) entries; UTF-16 names are 4-byte aligned. */
function dictionaryOf(set: Buffer, offset: number, codepage: number): Map<number, string> {
  const names = new Map<number, string>()
  if (offset + 4 > set.length) return names

  const count = Math.min(set.readUInt32LE(offset), MAX_PROPERTIES)
  const isWide = codepage === 1200
  let pos = offset + 4

  for (let i = 0; i < count && pos + 8 <= set.length; i += 1) {
    const id = set.readUInt32LE(pos)
    const length = set.readUInt32LE(pos + 4)
    const bytes = set.subarray(pos + 8, pos + 8 + length * (isWide ? 2 : 1))
    names.set(id, clean(isWide ? bytes.toString('utf16le') : decodeCodepage(bytes, codepage)))
    pos += 8 + bytes.length
    if (isWide) pos += (4 - (bytes.length % 4)) % 4
  }

  return names
}

function decodeCodepage(bytes: Buffer, codepage: number): string {
  if (codepage === 1200) return bytes.toString('utf16le')
  const name = codepage === 65001 ? 'utf-8' : `cp${codepage}`
  return iconv.encodingExists(name) ? iconv.decode(bytes, name) : bytes.toString('latin1')
}

/** Strings are stored with their terminating NUL (§2.5). */
function clean(text: string): string {
  return text.replace(/\0+$/, '').trim()
}
