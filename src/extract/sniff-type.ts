// Judge a part's type from its bytes (magic numbers and structure), never from its name.
import { sniffKeyFile, type KeyFileFormat } from './key-files.js'

/** Which reader a part goes to. */
export type FormatKind =
  | 'empty'
  | 'text'
  | 'html'
  | 'calendar'
  | 'mime'
  | 'rtf'
  | 'pdf'
  | 'zip'
  | 'ooxml'
  | 'odf'
  | 'gzip'
  | 'tar'
  | 'cfb'
  | 'tnef'
  | 'pgp-encrypted'
  | 'cms-enveloped'
  | 'cms-signed'
  | 'cms-detached-signature'
  | 'image'
  | 'key-file'
  | 'unsupported'

export interface SniffedType {
  /** Media type judged from the bytes, e.g. "application/pdf". */
  readonly mime: string
  readonly kind: FormatKind
  /** For kind 'key-file': which format (key-files.ts). */
  readonly keyFormat?: KeyFileFormat | undefined
}

interface Magic {
  readonly offset: number
  readonly bytes: readonly number[]
  readonly type: SniffedType
}

const unsupported = (mime: string): SniffedType => ({ mime, kind: 'unsupported' })

// Signatures from each format's specification (PDF 1.7 §7.5.2, APPNOTE 4.3.7, MS-CFB §2.2,
// MS-OXTNEF §2.1.3.1, RFC 1952 §2.3.1) and the common image/archive/executable headers.
const MAGICS: readonly Magic[] = [
  { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], type: { mime: 'application/zip', kind: 'zip' } },
  { offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06], type: { mime: 'application/zip', kind: 'zip' } },
  { offset: 0, bytes: [0x50, 0x4b, 0x07, 0x08], type: { mime: 'application/zip', kind: 'zip' } },
  {
    offset: 0,
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    type: { mime: 'application/x-cfb', kind: 'cfb' },
  },
  {
    offset: 0,
    bytes: [0x78, 0x9f, 0x3e, 0x22],
    type: { mime: 'application/ms-tnef', kind: 'tnef' },
  },
  { offset: 0, bytes: [0x1f, 0x8b], type: { mime: 'application/gzip', kind: 'gzip' } },
  {
    offset: 257,
    bytes: [0x75, 0x73, 0x74, 0x61, 0x72],
    type: { mime: 'application/x-tar', kind: 'tar' },
  },
  {
    offset: 0,
    bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    type: unsupported('application/x-7z-compressed'),
  },
  {
    offset: 0,
    bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07],
    type: unsupported('application/vnd.rar'),
  },
  { offset: 0, bytes: [0x42, 0x5a, 0x68], type: unsupported('application/x-bzip2') },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], type: unsupported('application/x-xz') },
  { offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], type: unsupported('application/zstd') },
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47], type: { mime: 'image/png', kind: 'image' } },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], type: { mime: 'image/jpeg', kind: 'image' } },
  { offset: 0, bytes: [0x47, 0x49, 0x46, 0x38], type: { mime: 'image/gif', kind: 'image' } },
  { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00], type: { mime: 'image/tiff', kind: 'image' } },
  { offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], type: { mime: 'image/tiff', kind: 'image' } },
  { offset: 8, bytes: [0x57, 0x45, 0x42, 0x50], type: unsupported('image/webp') },
  { offset: 4, bytes: [0x66, 0x74, 0x79, 0x70], type: unsupported('video/mp4') },
  { offset: 0, bytes: [0x4f, 0x67, 0x67, 0x53], type: unsupported('audio/ogg') },
  { offset: 0, bytes: [0x49, 0x44, 0x33], type: unsupported('audio/mpeg') },
  { offset: 0, bytes: [0x4d, 0x5a], type: unsupported('application/x-msdownload') },
  { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], type: unsupported('application/x-elf') },
  { offset: 0, bytes: [0x00, 0x00, 0x01, 0x00], type: unsupported('image/vnd.microsoft.icon') },
]

/** How far into a file "%PDF-" may start; readers accept leading junk up to 1 KiB. */
const PDF_SEARCH_BYTES = 1024

/** Bytes looked at to tell text from binary. */
const TEXT_SAMPLE_BYTES = 8192

/** Judge the type of `bytes`. Never throws. */
export function sniffType(bytes: Buffer): SniffedType {
  if (bytes.length === 0) return { mime: 'application/x-empty', kind: 'empty' }

  // Before the magic numbers: an OpenPGP key's creation time sits where an MP4's "ftyp" does.
  // No magic of offset 0 starts as a key file does: 0x30 (DER), FEEDFEED or CECECECE (Java),
  // or an OpenPGP primary key packet (0x94–0x9B, 0xC5, 0xC6).
  const keyFormat = sniffKeyFile(bytes)
  if (keyFormat !== undefined) {
    return { mime: KEY_FILE_MIME[keyFormat], kind: 'key-file', keyFormat }
  }

  const magic = MAGICS.find((m) => startsWithAt(bytes, m.offset, m.bytes))
  if (magic !== undefined) return refineContainer(bytes, magic.type)

  const head = bytes.subarray(0, PDF_SEARCH_BYTES).toString('latin1')
  if (head.includes('%PDF-')) return { mime: 'application/pdf', kind: 'pdf' }

  const cms = sniffCms(bytes)
  if (cms !== undefined) return cms

  if (!looksLikeText(bytes)) return unsupported('unknown')

  return sniffText(decodeSample(bytes))
}

const KEY_FILE_MIME: Readonly<Record<KeyFileFormat, string>> = {
  'der-key': 'application/pkcs8',
  pkcs12: 'application/x-pkcs12',
  'java-keystore': 'application/x-java-keystore',
  'openpgp-key': 'application/pgp-keys',
}

function refineContainer(bytes: Buffer, type: SniffedType): SniffedType {
  if (type.kind === 'zip') return refineZip(bytes)
  if (type.kind === 'cfb') return refineCfb(bytes)

  return type
}

// OOXML and ODF are ZIP packages. Entry names are stored uncompressed in the local headers and
// the central directory, so a byte search tells them apart without inflating anything.
function refineZip(bytes: Buffer): SniffedType {
  const odfMime = /^mimetype(application\/vnd\.oasis\.opendocument\.[a-z.-]+)/.exec(
    bytes.subarray(30, 120).toString('latin1'),
  )
  if (odfMime?.[1] !== undefined) return { mime: odfMime[1], kind: 'odf' }

  if (bytes.includes('[Content_Types].xml')) {
    // A VBA project part (ECMA-376 Part 1 §15.2.14 is silent; MS-OFFMACRO names it
    // vbaProject.bin) makes DOCM/XLSM/PPTM. Templates differ only inside the compressed
    // content types, so DOTX reads as DOCX here.
    const hasMacros = bytes.includes('vbaProject.bin')
    if (bytes.includes('xl/workbook.bin')) return XLSB
    if (bytes.includes('word/'))
      return hasMacros ? macros('ms-word.document') : ooxml('wordprocessingml.document')
    if (bytes.includes('xl/'))
      return hasMacros ? macros('ms-excel.sheet') : ooxml('spreadsheetml.sheet')
    if (bytes.includes('ppt/')) {
      return hasMacros ? macros('ms-powerpoint.presentation') : ooxml('presentationml.presentation')
    }
    return { mime: 'application/vnd.openxmlformats-package', kind: 'ooxml' }
  }

  if (bytes.includes('META-INF/manifest.xml') && bytes.includes('content.xml')) {
    return { mime: 'application/vnd.oasis.opendocument', kind: 'odf' }
  }

  return { mime: 'application/zip', kind: 'zip' }
}

// Excel's binary workbook: an OOXML package whose sheets are BIFF12 records, not XML; the
// package reader reads both kinds of part (xlsb-parts.ts).
const XLSB: SniffedType = {
  mime: 'application/vnd.ms-excel.sheet.binary.macroenabled.12',
  kind: 'ooxml',
}

function macros(subtype: string): SniffedType {
  return { mime: `application/vnd.${subtype}.macroenabled.12`, kind: 'ooxml' }
}

function ooxml(subtype: string): SniffedType {
  return { mime: `application/vnd.openxmlformats-officedocument.${subtype}`, kind: 'ooxml' }
}

// CFB directory entry names are UTF-16LE; finding a stream name is enough to name the
// application. The cfb reader confirms it when the part is opened.
function refineCfb(bytes: Buffer): SniffedType {
  const has = (name: string): boolean => bytes.includes(Buffer.from(name, 'utf16le'))

  if (has('EncryptedPackage')) return { mime: 'application/x-ooxml-encrypted', kind: 'cfb' }
  if (has('__substg1.0_')) return { mime: 'application/vnd.ms-outlook', kind: 'cfb' }
  if (has('WordDocument')) return { mime: 'application/msword', kind: 'cfb' }
  if (has('Workbook') || has('Book')) return { mime: 'application/vnd.ms-excel', kind: 'cfb' }
  if (has('PowerPoint Document')) return { mime: 'application/vnd.ms-powerpoint', kind: 'cfb' }

  return { mime: 'application/x-cfb', kind: 'cfb' }
}

// RFC 5652 content types under 1.2.840.113549.1.7: .2 signed-data, .3 enveloped-data; the
// signed content itself is typed id-data (.1) and present when an [0] tag (0xA0) follows it.
const CMS_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07])

function sniffCms(bytes: Buffer): SniffedType | undefined {
  if (bytes[0] !== 0x30) return undefined

  const at = bytes.subarray(0, 32).indexOf(CMS_OID)
  if (at === -1) return undefined

  const type = bytes[at + CMS_OID.length]
  if (type === 0x03) return { mime: 'application/pkcs7-mime', kind: 'cms-enveloped' }
  if (type !== 0x02) return undefined

  const data = bytes.indexOf(Buffer.concat([CMS_OID, Buffer.from([0x01])]), at + 1)
  const hasContent = data !== -1 && bytes[data + CMS_OID.length + 1] === 0xa0
  if (hasContent) return { mime: 'application/pkcs7-mime', kind: 'cms-signed' }

  return { mime: 'application/pkcs7-signature', kind: 'cms-detached-signature' }
}

function startsWithAt(bytes: Buffer, offset: number, magic: readonly number[]): boolean {
  if (bytes.length < offset + magic.length) return false

  return magic.every((b, i) => bytes[offset + i] === b)
}

/**
 * True when the sample has no control bytes other than whitespace, ESC (ISO-2022) and form
 * feed, allowing for UTF-16 (every other byte NUL) and a small share of stray bytes.
 */
export function looksLikeText(bytes: Buffer): boolean {
  const sample = withoutTrailingNuls(bytes.subarray(0, TEXT_SAMPLE_BYTES))
  if (hasUtf16Bom(sample) || looksLikeUtf16(sample)) return true
  if (sample.length === 0) return false

  let control = 0
  for (const b of sample) {
    const isAllowed = b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x1b
    if (b < 0x20 && !isAllowed) control += 1
  }

  return control === 0 || control / sample.length < 0.01
}

// Writers pad strings and records with NUL bytes (C strings, TNEF attachment data); the padding
// at the end says nothing about whether what precedes it is text.
function withoutTrailingNuls(sample: Buffer): Buffer {
  let end = sample.length
  while (end > 0 && sample[end - 1] === 0) end -= 1
  return sample.subarray(0, end)
}

function hasUtf16Bom(sample: Buffer): boolean {
  const [a, b] = sample
  return (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)
}

/** UTF-16 text without a BOM: most high bytes (LE: odd positions) are zero. */
export function looksLikeUtf16(sample: Buffer): 'utf16le' | 'utf16be' | undefined {
  const pairs = Math.min(sample.length >> 1, 512)
  if (pairs < 2) return undefined

  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < pairs; i += 1) {
    if (sample[2 * i] === 0) evenZero += 1
    if (sample[2 * i + 1] === 0) oddZero += 1
  }

  if (oddZero / pairs > 0.6 && evenZero / pairs < 0.1) return 'utf16le'
  if (evenZero / pairs > 0.6 && oddZero / pairs < 0.1) return 'utf16be'
  return undefined
}

function decodeSample(bytes: Buffer): string {
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES)
  const utf16 = hasUtf16Bom(sample) ? (sample[0] === 0xff ? 'utf16le' : 'utf16be') : undefined
  const encoding = utf16 ?? looksLikeUtf16(sample)

  if (encoding === 'utf16le') return sample.toString('utf16le')
  // swap16 needs an even length; a file cut after an odd byte (or made so) has one left over.
  const even = sample.subarray(0, sample.length & ~1)
  if (encoding === 'utf16be') return Buffer.from(even).swap16().toString('utf16le')
  return sample.toString('latin1')
}

const HTML_START =
  /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|table|p|span)\b/i

function sniffText(sample: string): SniffedType {
  const start = sample.replace(/^\uFEFF/, '').trimStart()

  if (start.startsWith('{\\rtf')) return { mime: 'application/rtf', kind: 'rtf' }
  if (HTML_START.test(start)) return { mime: 'text/html', kind: 'html' }
  if (/^BEGIN:VCALENDAR/i.test(start)) return { mime: 'text/calendar', kind: 'calendar' }
  if (/^BEGIN:VCARD/i.test(start)) return { mime: 'text/vcard', kind: 'calendar' }
  if (/^-----BEGIN PGP MESSAGE-----/.test(start)) {
    return { mime: 'application/pgp-encrypted', kind: 'pgp-encrypted' }
  }
  if (looksLikeMimeEntity(start)) return { mime: 'message/rfc822', kind: 'mime' }
  if (start.startsWith('<?xml') || start.startsWith('<')) {
    return { mime: 'application/xml', kind: 'text' }
  }
  if (start.startsWith('{') || start.startsWith('['))
    return { mime: 'application/json', kind: 'text' }

  return { mime: 'text/plain', kind: 'text' }
}

// RFC 5322 §2.2: a header field is a name of printable ASCII other than ":", then ":"; a line
// starting with white space continues the field before it.
const HEADER_FIELD = /^[!-9;-~]+:/
const MAIL_FIELD =
  /^(from|to|cc|subject|date|message-id|mime-version|content-type|content-transfer-encoding|received|return-path):/i

/** Most header lines looked at before deciding (a long Received chain still fits). */
const MAX_HEADER_LINES = 200

/**
 * True when the text opens with a header block (every line a field or a continuation, ended
 * by an empty line) that holds at least one mail or MIME field: a saved message or entity.
 */
function looksLikeMimeEntity(text: string): boolean {
  const lines = text.split(/\r?\n/, MAX_HEADER_LINES + 1)
  let hasMailField = false

  for (const [index, line] of lines.entries()) {
    if (line.length === 0) return index > 0 && hasMailField
    if (index > 0 && (line.startsWith(' ') || line.startsWith('\t'))) continue
    if (!HEADER_FIELD.test(line)) return false
    if (MAIL_FIELD.test(line)) hasMailField = true
  }

  return false
}
