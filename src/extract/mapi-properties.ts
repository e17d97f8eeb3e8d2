// MAPI property lists as TNEF stores them (MS-OXTNEF §2.1.3.4, attMsgProps / attAttachment).

export interface MapiProperty {
  readonly id: number
  readonly type: number
  readonly values: readonly (string | Buffer)[]
}

// Widths of fixed-size property types (MS-OXCDATA §2.11.1); values are padded to 4 bytes.
const FIXED_WIDTH: Readonly<Record<number, number>> = {
  0x0002: 4,
  0x0003: 4,
  0x0004: 4,
  0x0005: 8,
  0x0006: 8,
  0x0007: 8,
  0x000a: 4,
  0x000b: 4,
  0x0014: 8,
  0x0040: 8,
  0x0048: 16,
}

const STRING8 = 0x001e
const UNICODE = 0x001f
const BINARY = 0x0102
const OBJECT = 0x000d
const MULTI = 0x1000

/** Parse a property list; stops (returning what it has) at the first malformed property. */
export function parseMapiProperties(data: Buffer, codepage: (b: Buffer) => string): MapiProperty[] {
  const properties: MapiProperty[] = []
  let pos = 4
  const count = data.length >= 4 ? data.readUInt32LE(0) : 0

  for (let n = 0; n < count && pos + 4 <= data.length; n += 1) {
    const type = data.readUInt16LE(pos)
    const id = data.readUInt16LE(pos + 2)
    pos += 4

    if (id >= 0x8000) {
      // Named property: GUID, kind, then a numeric id or a length-prefixed UTF-16 name.
      const kind = data.readUInt32LE(pos + 16)
      pos += 20
      if (kind === 0) pos += 4
      else pos += 4 + padded(data.readUInt32LE(pos))
    }

    const base = type & ~MULTI
    const isVariable = base === STRING8 || base === UNICODE || base === BINARY || base === OBJECT
    const isMulti = (type & MULTI) !== 0 || isVariable
    const valueCount = isMulti ? data.readUInt32LE(pos) : 1
    if (isMulti) pos += 4

    const values: (string | Buffer)[] = []
    for (let v = 0; v < valueCount && pos <= data.length; v += 1) {
      if (!isVariable) {
        const width = FIXED_WIDTH[base]
        if (width === undefined) return properties
        pos += padded(width)
        continue
      }

      const length = data.readUInt32LE(pos)
      const bytes = data.subarray(pos + 4, pos + 4 + length)
      pos += 4 + padded(length)
      if (base === STRING8) values.push(codepage(bytes).replace(/\0+$/, ''))
      else if (base === UNICODE) values.push(bytes.toString('utf16le').replace(/\0+$/, ''))
      // PT_OBJECT values start with the 16-byte interface id of the stored object.
      else values.push(base === OBJECT ? bytes.subarray(16) : bytes)
    }

    properties.push({ id, type: base, values })
  }

  return properties
}

function padded(length: number): number {
  return Math.ceil(length / 4) * 4
}
