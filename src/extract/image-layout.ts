// The structure of PNG, JPEG and GIF files, walked once from the start: where the image ends
// (what follows is appended data, such as the ZIP of a polyglot) and the text its metadata
// holds. Pixels are never decoded.

export type ImageFamily = 'png' | 'jpeg' | 'gif'

/** A piece of metadata: text as stored, deflated text (PNG), or an EXIF/TIFF block. */
export type MetadataPiece =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'deflated'
      readonly label: string
      readonly bytes: Buffer
      readonly utf8: boolean
    }
  | { readonly kind: 'exif'; readonly bytes: Buffer }
  | { readonly kind: 'iptc'; readonly bytes: Buffer }

/**
 * What the walk found. `end` is the offset just past the image's last byte (PNG IEND, JPEG
 * EOI, GIF trailer); `truncated` means the bytes ran out first, so nothing follows; `corrupt`
 * means a block could not be read at `at`, so where the image ends is unknown.
 */
export type ImageEnd =
  | { readonly kind: 'end'; readonly at: number }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'corrupt'; readonly at: number }

export interface ImageLayout {
  readonly pieces: readonly MetadataPiece[]
  readonly end: ImageEnd
}

/** Walk an image of `family`; never throws, whatever the bytes. */
export function layoutOfImage(bytes: Buffer, family: ImageFamily): ImageLayout {
  switch (family) {
    case 'png':
      return layoutOfPng(bytes)
    case 'jpeg':
      return layoutOfJpeg(bytes)
    case 'gif':
      return layoutOfGif(bytes)
    default:
      return assertNever(family)
  }
}

const TRUNCATED: ImageEnd = { kind: 'truncated' }

// PNG (ISO/IEC 15948 §5.3): an 8-byte signature, then chunks of length (4, big-endian), type
// (4 letters), data and CRC, up to IEND. §11.3.4 tEXt, zTXt and iTXt hold keyword/text pairs,
// and the PNG 1.2 extensions' eXIf chunk holds an EXIF block.
function layoutOfPng(bytes: Buffer): ImageLayout {
  const pieces: MetadataPiece[] = []
  let at = 8

  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at)
    const type = bytes.toString('latin1', at + 4, at + 8)
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return { pieces, end: corrupt(at) }

    const dataEnd = at + 8 + length
    if (dataEnd + 4 > bytes.length) return { pieces, end: TRUNCATED }

    const piece = pngPiece(type, bytes.subarray(at + 8, dataEnd))
    if (piece !== undefined) pieces.push(piece)
    if (type === 'IEND') return { pieces, end: { kind: 'end', at: dataEnd + 4 } }
    at = dataEnd + 4
  }

  return { pieces, end: TRUNCATED }
}

function pngPiece(type: string, data: Buffer): MetadataPiece | undefined {
  const nul = data.indexOf(0)
  const keyword = data.toString('latin1', 0, nul === -1 ? data.length : nul)

  switch (type) {
    case 'tEXt':
      return { kind: 'text', text: `${keyword}: ${data.toString('latin1', nul + 1)}` }
    case 'zTXt':
      // One byte of compression method (0, zlib) follows the keyword's NUL.
      return { kind: 'deflated', label: keyword, bytes: data.subarray(nul + 2), utf8: false }
    case 'iTXt':
      return itxtPiece(keyword, data, nul)
    case 'eXIf':
      return { kind: 'exif', bytes: data }
    default:
      return undefined
  }
}

// iTXt: keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, text
// (UTF-8, zlib-compressed when the flag is 1).
function itxtPiece(keyword: string, data: Buffer, nul: number): MetadataPiece | undefined {
  if (nul === -1) return undefined

  const isCompressed = data[nul + 1] === 1
  const languageEnd = data.indexOf(0, nul + 3)
  const translatedEnd = languageEnd === -1 ? -1 : data.indexOf(0, languageEnd + 1)
  if (translatedEnd === -1) return undefined

  const translated = data.toString('utf8', languageEnd + 1, translatedEnd)
  const label = translated === '' ? keyword : `${keyword} (${translated})`
  const text = data.subarray(translatedEnd + 1)
  if (isCompressed) return { kind: 'deflated', label, bytes: text, utf8: true }
  return { kind: 'text', text: `${label}: ${text.toString('utf8')}` }
}

// JPEG (ITU T.81 Annex B): markers 0xFF xx; most carry a 2-byte length; SOS is followed by
// entropy-coded data, in which 0xFF is stuffed with 0x00 or is a restart marker (RSTn), until
// the next marker; EOI ends the image. COM (0xFE) is a comment; APP1 holds EXIF ("Exif\0\0",
// JEITA CP-3451 §4.5.4) or XMP (Adobe XMP Part 3 §1.1.3); APP13 holds Photoshop resources
// with IPTC-IIM captions and keywords.
const XMP_PREFIX = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1')
const EXIF_PREFIX = Buffer.from('Exif\0\0', 'latin1')
const PHOTOSHOP_PREFIX = Buffer.from('Photoshop 3.0\0', 'latin1')

function layoutOfJpeg(bytes: Buffer): ImageLayout {
  const pieces: MetadataPiece[] = []
  let at = 2

  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return { pieces, end: corrupt(at) }
    while (bytes[at] === 0xff) at += 1
    if (at >= bytes.length) return { pieces, end: TRUNCATED }

    const marker = bytes[at] ?? 0
    at += 1
    if (marker === 0xd9) return { pieces, end: { kind: 'end', at } }
    if (isStandaloneMarker(marker)) continue
    if (at + 2 > bytes.length) return { pieces, end: TRUNCATED }

    const segmentEnd = at + bytes.readUInt16BE(at)
    if (segmentEnd < at + 2) return { pieces, end: corrupt(at) }
    if (segmentEnd > bytes.length) return { pieces, end: TRUNCATED }

    const piece = jpegPiece(marker, bytes.subarray(at + 2, segmentEnd))
    if (piece !== undefined) pieces.push(piece)
    at = marker === 0xda ? afterScan(bytes, segmentEnd) : segmentEnd
  }

  return { pieces, end: TRUNCATED }
}

/** TEM and RST0-7 have no length (T.81 Table B.1). */
function isStandaloneMarker(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)
}

/** Offset of the first marker after entropy-coded data, or the end of the bytes. */
function afterScan(bytes: Buffer, from: number): number {
  let at = bytes.indexOf(0xff, from)

  while (at !== -1 && at + 1 < bytes.length) {
    const next = bytes[at + 1] ?? 0
    const isData = next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)
    if (!isData) return at
    at = bytes.indexOf(0xff, at + (next === 0xff ? 1 : 2))
  }

  return bytes.length
}

function jpegPiece(marker: number, data: Buffer): MetadataPiece | undefined {
  if (marker === 0xfe) return { kind: 'text', text: data.toString('utf8') }
  if (marker === 0xe1 && startsWith(data, EXIF_PREFIX)) {
    return { kind: 'exif', bytes: data.subarray(EXIF_PREFIX.length) }
  }
  if (marker === 0xe1 && startsWith(data, XMP_PREFIX)) {
    return { kind: 'text', text: data.toString('utf8', XMP_PREFIX.length) }
  }
  if (marker === 0xed && startsWith(data, PHOTOSHOP_PREFIX)) {
    return { kind: 'iptc', bytes: data.subarray(PHOTOSHOP_PREFIX.length) }
  }
  return undefined
}

// GIF89a (W3C GIF89a specification §17-27): header, logical screen descriptor and optional
// global colour table, then blocks: 0x21 extensions (0xFE comment, 0x01 plain text) and 0x2C
// images, each followed by data sub-blocks, until the 0x3B trailer.
function layoutOfGif(bytes: Buffer): ImageLayout {
  const pieces: MetadataPiece[] = []
  if (bytes.length < 13) return { pieces, end: TRUNCATED }

  let at = 13 + colourTableSize(bytes[10] ?? 0)
  while (at < bytes.length) {
    const block = bytes[at]

    if (block === 0x3b) return { pieces, end: { kind: 'end', at: at + 1 } }
    if (block === 0x21) {
      const label = bytes[at + 1]
      const data = subBlocksAt(bytes, at + 2, label === 0xfe || label === 0x01)
      if (data === undefined) return { pieces, end: TRUNCATED }
      if (label === 0xfe) pieces.push({ kind: 'text', text: data.bytes.toString('latin1') })
      // The plain text extension's first sub-block is 12 bytes of grid and colours.
      if (label === 0x01) pieces.push({ kind: 'text', text: data.bytes.toString('latin1', 13) })
      at = data.end
    } else if (block === 0x2c) {
      const descriptorEnd = at + 10 + colourTableSize(bytes[at + 9] ?? 0)
      const data = subBlocksAt(bytes, descriptorEnd + 1, false)
      if (data === undefined) return { pieces, end: TRUNCATED }
      at = data.end
    } else {
      return { pieces, end: corrupt(at) }
    }
  }

  return { pieces, end: TRUNCATED }
}

/** A colour table follows when bit 7 of the flags is set: 3 × 2^(n+1) bytes. */
function colourTableSize(flags: number): number {
  return (flags & 0x80) === 0 ? 0 : 3 * 2 ** ((flags & 0x07) + 1)
}

/**
 * Data sub-blocks (a size byte, then that many bytes) up to a zero size; joined when `keep`
 * (comments), skipped otherwise (image data, which is never copied).
 */
function subBlocksAt(
  bytes: Buffer,
  from: number,
  keep: boolean,
): { bytes: Buffer; end: number } | undefined {
  const pieces: Buffer[] = []
  let at = from

  while (at < bytes.length) {
    const size = bytes[at] ?? 0
    if (size === 0) return { bytes: Buffer.concat(pieces), end: at + 1 }
    if (at + 1 + size > bytes.length) return undefined
    if (keep) pieces.push(bytes.subarray(at + 1, at + 1 + size))
    at += 1 + size
  }

  return undefined
}

function corrupt(at: number): ImageEnd {
  return { kind: 'corrupt', at }
}

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.subarray(0, prefix.length).equals(prefix)
}

function assertNever(value: never): never {
  throw new Error(`unhandled image family ${String(value)}`)
}
