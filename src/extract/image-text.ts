// Text stored in image metadata blocks: EXIF/TIFF tags (ImageDescription, Artist, Copyright,
// UserComment, Windows XP tags) and IPTC-IIM datasets (caption, keywords, by-line).

// Prevents an EXIF block whose tags all point at one large value from being decoded over and
// over (an IFD may hold 65,535 entries): at most this many bytes of values are decoded per
// block. 1 MiB is far more than cameras and editors write (a JPEG APP1 segment is 64 KiB).
const MAX_DECODED_BYTES = 1024 * 1024

// Prevents IFD chains that loop or branch without end: IFD0, IFD1 and the Exif IFD are what
// EXIF 2.3 (CIPA DC-008 §4.6.2) defines, and a few more cover maker-written extras.
const MAX_IFDS = 8

// TIFF 6.0 §2 field types and their sizes in bytes.
const TYPE_SIZES: Readonly<Record<number, number>> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
}

const ASCII = 2
const EXIF_IFD_POINTER = 0x8769
const USER_COMMENT = 0x9286
// Windows XP tags (XPTitle, XPComment, XPAuthor, XPKeywords, XPSubject): UCS-2LE in BYTE fields.
const XP_TAGS: ReadonlySet<number> = new Set([0x9c9b, 0x9c9c, 0x9c9d, 0x9c9e, 0x9c9f])

/** Texts of a metadata block; `isCut` when MAX_DECODED_BYTES stopped the walk early. */
export interface BlockTexts {
  readonly texts: string[]
  readonly isCut: boolean
}

/**
 * Every text value of a TIFF structure (an EXIF block without its "Exif\0\0" prefix): ASCII
 * fields of every IFD reached, UserComment in its declared character code, Windows XP tags.
 * Never throws: offsets outside the block end the walk of that IFD.
 *
 * @example
 * textsOfExif(exif).texts // ['Holiday', 'card 4111 1111 1111 1111']
 */
export function textsOfExif(tiff: Buffer): BlockTexts {
  const order = tiff.toString('latin1', 0, 2)
  if (order !== 'II' && order !== 'MM') return { texts: [], isCut: false }

  const reader = new TiffReader(tiff, order === 'II')
  const texts: string[] = []
  const queue = [reader.u32(4)]
  const seen = new Set<number>()

  while (queue.length > 0 && seen.size < MAX_IFDS) {
    const offset = queue.shift() ?? 0
    if (offset === 0 || seen.has(offset) || offset + 2 > tiff.length) continue
    seen.add(offset)

    const count = Math.min(reader.u16(offset), Math.floor((tiff.length - offset - 2) / 12))
    for (let i = 0; i < count; i += 1) {
      const entry = offset + 2 + 12 * i
      const tag = reader.u16(entry)
      if (tag === EXIF_IFD_POINTER) queue.push(reader.u32(entry + 8))

      const text = reader.textOf(entry)
      if (text !== undefined && text.trim() !== '') texts.push(text)
      if (reader.decodedBytes > MAX_DECODED_BYTES) return { texts, isCut: true }
    }

    queue.push(reader.u32(offset + 2 + 12 * count))
  }

  return { texts, isCut: false }
}

class TiffReader {
  /** Bytes of values decoded so far, against MAX_DECODED_BYTES. */
  decodedBytes = 0

  constructor(
    private readonly bytes: Buffer,
    private readonly isLittleEndian: boolean,
  ) {}

  u16(at: number): number {
    if (at + 2 > this.bytes.length) return 0
    return this.isLittleEndian ? this.bytes.readUInt16LE(at) : this.bytes.readUInt16BE(at)
  }

  u32(at: number): number {
    if (at + 4 > this.bytes.length) return 0
    return this.isLittleEndian ? this.bytes.readUInt32LE(at) : this.bytes.readUInt32BE(at)
  }

  /** The text of one 12-byte IFD entry, when it holds text. */
  textOf(entry: number): string | undefined {
    const tag = this.u16(entry)
    const type = this.u16(entry + 2)
    const isText = type === ASCII || tag === USER_COMMENT || XP_TAGS.has(tag)
    if (!isText) return undefined

    const size = (TYPE_SIZES[type] ?? 0) * this.u32(entry + 4)
    const start = size <= 4 ? entry + 8 : this.u32(entry + 8)
    if (size === 0 || start + size > this.bytes.length) return undefined

    this.decodedBytes += size
    const value = this.bytes.subarray(start, start + size)
    if (tag === USER_COMMENT) return userCommentOf(value, this.isLittleEndian)
    if (XP_TAGS.has(tag)) return withoutNuls(value.toString('utf16le'))
    return withoutNuls(asUtf8OrLatin1(value))
  }
}

// EXIF 2.3 §4.6.5, Table 9: UserComment starts with 8 bytes naming its character code.
function userCommentOf(value: Buffer, isLittleEndian: boolean): string {
  const code = value.toString('latin1', 0, 8).replace(/\0+$/, '')
  const text = value.subarray(8)

  if (code === 'UNICODE') {
    const utf16 = isLittleEndian ? Buffer.from(text) : Buffer.from(text).swap16()
    return withoutNuls(utf16.subarray(0, utf16.length & ~1).toString('utf16le'))
  }
  return withoutNuls(asUtf8OrLatin1(text))
}

/**
 * Text of the IPTC-IIM datasets (IPTC IIM 4.2 §1.6: 0x1C, record, dataset, 2-byte length) in
 * the IPTC resource (id 0x0404) of a Photoshop APP13 block of 8BIM resources.
 */
export function textsOfIptc(resources: Buffer): string[] {
  const iptc = photoshopResource(resources, 0x0404)
  if (iptc === undefined) return []

  const texts: string[] = []
  let at = 0
  while (at + 5 <= iptc.length && iptc[at] === 0x1c) {
    const record = iptc[at + 1]
    const size = iptc.readUInt16BE(at + 3)
    // Extended datasets (high bit set) carry a length of their own; none holds text.
    if ((size & 0x8000) !== 0) break

    if (record === 2) texts.push(asUtf8OrLatin1(iptc.subarray(at + 5, at + 5 + size)))
    at += 5 + size
  }

  return texts.filter((text) => text.trim() !== '')
}

// Photoshop resources: "8BIM", id (2), Pascal name padded to even, size (4), data padded.
function photoshopResource(bytes: Buffer, wanted: number): Buffer | undefined {
  let at = 0

  while (at + 12 <= bytes.length && bytes.toString('latin1', at, at + 4) === '8BIM') {
    const id = bytes.readUInt16BE(at + 4)
    const nameLength = bytes[at + 6] ?? 0
    const sizeAt = at + 6 + nameLength + 1 + ((nameLength + 1) % 2)
    if (sizeAt + 4 > bytes.length) return undefined

    const size = bytes.readUInt32BE(sizeAt)
    const data = bytes.subarray(sizeAt + 4, sizeAt + 4 + size)
    if (id === wanted) return data
    at = sizeAt + 4 + size + (size % 2)
  }

  return undefined
}

function asUtf8OrLatin1(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8')
  return utf8.includes('\uFFFD') ? bytes.toString('latin1') : utf8
}

function withoutNuls(text: string): string {
  return text.replace(/\0+/g, ' ').trim()
}
