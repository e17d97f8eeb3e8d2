// A bounded pre-check of what a PDF's compressed streams inflate to. PDFium and pdf.js inflate
// the streams of a page whole and without a cap of ours, so a page whose content stream is a
// compression bomb (a few hundred KiB that inflate to gigabytes) would fill the worker's
// memory before the part's time limit is checked. Each stream is inflated here first, through
// a counter that stops at the caps, and a PDF over them is not handed to the engines.
import { constants, createInflate, inflateSync } from 'node:zlib'

import {
  decodeAscii85,
  decodeAsciiHex,
  isWhite,
  lzwDecode,
  lzwDecodedSize,
  namesOf,
  runLengthDecode,
} from './pdf-filters.js'
import { RATIO_FLOOR_BYTES } from './limits.js'
import { streamDecryptor, type StreamDecryptor } from './pdf-decrypt.js'

export interface StreamCaps {
  /** Bytes all counted streams together may inflate to (the message's remaining budget). */
  readonly totalBytes: number
  /** Largest expansion of one stream past RATIO_FLOOR_BYTES of output. */
  readonly maxRatio: number
  /** When the part's time is up (Date.now() milliseconds). */
  readonly deadline: number
}

export type StreamCheck =
  | { readonly over: undefined; readonly inflated: number }
  | { readonly over: 'total' | 'ratio' | 'time'; readonly inflated: number }

// How many Flate or armour layers of one stream are followed by its bytes; a filter array
// repeating them more often than this is not written by any producer.
const MAX_LAYERS = 4

const STREAM = Buffer.from('stream')
const END_STREAM = Buffer.from('endstream')

/**
 * Inflates every zlib stream of `bytes` that the engines would inflate to read text, and
 * says whether one of them expands past `caps.maxRatio` or all of them past
 * `caps.totalBytes`, or whether the part's time ran out first. A stream counts by its bytes
 * (a zlib header), whatever its /Filter says, so a filter name spelled with #-escapes or held
 * in another object is no way around the check. Pictures are passed over: reading text never
 * decodes them, and a flat-coloured page-sized picture honestly inflates more than a
 * hundredfold.
 *
 * Each stream counts by the most any reading of it gives (decodedSize): by its bytes, and by
 * its filter names in order, also when those names are held in other objects. The streams of
 * a file encrypted with an empty user password, which the engines open without asking, are
 * decrypted first (pdf-decrypt.ts).
 *
 * TODO: not counted, so bounded only by PDFium's heap limit, the worker's heap limit and the
 * inspection timeout: LZW or run-length data whose filter names cannot be read (a dictionary
 * over MAX_DICTIONARY, names more than MAX_FILTER_DEPTH references deep, more comment lines
 * than MAX_COMMENT_LINES before the keyword; Flate and armour still count by their bytes);
 * streams of an encrypted file whose dictionary or object header this cannot read; a stream
 * that claims to be a picture (/Subtype /Image, also when written in a nested dictionary) and
 * is drawn as content from elsewhere than a page's /Contents (a Type 3 glyph, an annotation's
 * appearance), which needs the document's structure resolved, as only the engines do. The
 * engines' own work inside one page (Form XObjects drawn within Form XObjects, tenfold per
 * level in a 2 KB file) is not bounded by this check; for PDFium, its heap limit bounds it
 * (pdfium-text.ts).
 */
export async function checkPdfStreams(bytes: Buffer, caps: StreamCaps): Promise<StreamCheck> {
  let inflated = 0
  let from = 0
  // The end of the previous stream's data: a dictionary never starts before it.
  let previousEnd = 0
  const objects: ObjectIndex = {}

  for (;;) {
    // The clock is read before every stream: a file of hundreds of thousands of tiny damaged
    // streams, or of streams with thousands of references each, takes seconds to go through,
    // and must stop at the part's time limit like any other slow part.
    if (Date.now() > caps.deadline) return { over: 'time', inflated }

    const keyword = bytes.indexOf(STREAM, from)
    if (keyword === -1) return { over: undefined, inflated }
    from = keyword + STREAM.length

    const dataStart = afterStreamKeyword(bytes, keyword)
    if (dataStart === undefined) continue
    // A stream whose dictionary cannot be found (a comment before the keyword, a string
    // holding ">>", a very long dictionary) is counted like any other.
    const found = dictionaryBefore(bytes, keyword)
    const dictionary =
      found === undefined || found.start < previousEnd
        ? ''
        : namesOf(bytes.toString('latin1', found.start, found.end))

    let dataEnd = bytes.indexOf(END_STREAM, dataStart)
    if (dataEnd === -1) dataEnd = bytes.length
    from = previousEnd = dataEnd

    // A stream that calls itself a picture but is drawn as a page's content is read as content.
    if (isPicture(dictionary) && !isPageContent(bytes, found?.start, objects)) continue

    // The engines read /Length bytes, which may run past an "endstream" written inside the
    // data; zlib stops at the end of its own stream, so it is given the rest of the file.
    // The ratio is taken over the bytes up to the first "endstream", the stricter reading.
    const stored = dataEnd - dataStart
    // Cross-reference and object streams of many small objects honestly compress several
    // hundredfold (predictor rows of zeros); they count against the total only.
    const ratioCap = isIndex(dictionary)
      ? Number.POSITIVE_INFINITY
      : Math.max(RATIO_FLOOR_BYTES, stored * caps.maxRatio)
    const room = caps.totalBytes - inflated
    const filters = filterNamesOf(bytes, dictionary, objects)
    const cap = Math.min(ratioCap, room)
    // What the engines decode is /Length bytes where that is readable, else up to "endstream".
    // A stream read by its bytes alone is read from the rest of the file (zlib ends itself),
    // so its /Length, often held in another object, is not looked up.
    const decrypt = isIndex(dictionary) ? undefined : decryptorOf(bytes, objects)
    const length =
      decrypt === undefined && isReadByBytes(filters)
        ? undefined
        : lengthOf(bytes, dictionary, objects)
    const span =
      length === undefined || dataStart + length > bytes.length
        ? bytes.subarray(dataStart, dataEnd)
        : bytes.subarray(dataStart, dataStart + Math.max(length, stored))
    let size = await decodedSize(bytes.subarray(dataStart), span, filters, cap)
    // An encrypted file's streams are counted by their plaintext too, as the engines decrypt
    // them; cross-reference streams are never encrypted, and a metadata stream may not be, so
    // the larger of the two counts stands.
    const object =
      decrypt === undefined || found === undefined ? undefined : objectBefore(bytes, found.start)
    if (decrypt !== undefined && object !== undefined && size <= cap) {
      const plain = decrypt(object.number, object.generation, span)
      size = Math.max(size, await decodedSize(plain, plain, filters, cap))
    }
    inflated += Math.min(size, room + 1)
    if (size > ratioCap) return { over: 'ratio', inflated }
    if (size > room) return { over: 'total', inflated }
  }
}

/**
 * PDF 1.7 §7.3.8.1: the keyword `stream` is followed by CR LF or LF (a lone CR, which the
 * engines accept, too) and then the data. Gives the data's offset, or undefined where these
 * bytes are `endstream` or a word that merely ends in "stream".
 */
function afterStreamKeyword(bytes: Buffer, keyword: number): number | undefined {
  const before = keyword === 0 ? 0x20 : (bytes[keyword - 1] ?? 0x20)
  if (isRegular(before)) return undefined

  // Spaces or tabs before the end of line are against the letter of the standard, and both
  // engines accept them.
  let at = keyword + STREAM.length
  while (bytes[at] === 0x20 || bytes[at] === 0x09) at += 1
  if (bytes[at] === 0x0d) return bytes[at + 1] === 0x0a ? at + 2 : at + 1
  return bytes[at] === 0x0a ? at + 1 : undefined
}

// Comment lines between a dictionary and its stream keyword that are looked past.
const MAX_COMMENT_LINES = 8

// A dictionary longer than this before a stream is not looked for; real stream dictionaries
// are well under a kilobyte, and the bound keeps the walk back linear in the file's size.
const MAX_DICTIONARY = 64 * 1024

/**
 * Where the `>>` before `keyword` ends, past white space and comments (`%` to the end of its
 * line) between them; a `%` that turns out to sit inside a string of the dictionary's last line
 * (`(50%)>>`) is read as the plain text it is.
 */
function dictionaryEnd(bytes: Buffer, keyword: number): number | undefined {
  const isEnd = (at: number) => at >= 1 && bytes[at] === 0x3e && bytes[at - 1] === 0x3e
  let at = keyword - 1
  while (at >= 0 && isWhite(bytes[at] ?? 0)) at -= 1
  if (isEnd(at)) return at
  for (let lines = 0; lines < MAX_COMMENT_LINES && at >= 0; lines += 1) {
    const lineStart = Math.max(
      bytes.lastIndexOf(0x0a, at) + 1,
      bytes.lastIndexOf(0x0d, at) + 1,
      at - MAX_DICTIONARY,
    )
    const comment = bytes.indexOf(0x25, lineStart)
    if (comment === -1 || comment > at) return undefined
    at = comment - 1
    while (at >= 0 && isWhite(bytes[at] ?? 0)) at -= 1
    if (isEnd(at)) return at
  }
  return undefined
}

/** The `<< ... >>` just before `keyword` (with only white space between), nested ones included. */
function dictionaryBefore(
  bytes: Buffer,
  keyword: number,
): { start: number; end: number } | undefined {
  const at = dictionaryEnd(bytes, keyword)
  if (at === undefined) return undefined

  const end = at + 1
  const limit = Math.max(0, end - MAX_DICTIONARY)
  let depth = 0
  for (let i = end - 1; i > limit; i -= 1) {
    const pair = bytes[i - 1] === bytes[i] ? bytes[i] : undefined
    if (pair === 0x3e) {
      depth += 1
      i -= 1
    } else if (pair === 0x3c) {
      depth -= 1
      if (depth === 0) return { start: i - 1, end }
      i -= 1
    }
  }
  return undefined
}

/** PDF 1.7 §8.9.5: an image XObject's dictionary says /Subtype /Image. */
function isPicture(dictionary: string): boolean {
  return /\/Subtype\s*\/Image(?![^\s/<>[\]()%{}])/.test(dictionary)
}

/** PDF 1.7 §7.5.8 and §7.5.7: a cross-reference stream or an object stream. */
function isIndex(dictionary: string): boolean {
  return /\/Type\s*\/(?:XRef|ObjStm)(?![^\s/<>[\]()%{}])/.test(dictionary)
}

/**
 * Bytes a stream decodes to for the engines, or more than `cap` where past it: the most that
 * any reading gives, so that a reading fooled by the stream's bytes or by its dictionary is
 * made up for by the other. By its bytes, whatever its filter says: a zlib header (Flate
 * layers followed), and ASCII armour known by its bytes (nothing but its alphabet and its end
 * mark), taken off and judged again. By its filter names, in their order, each decoding what
 * the one before gave (`filters`, as filterNamesOf reads them).
 */
async function decodedSize(
  rest: Buffer,
  span: Buffer,
  filters: readonly string[],
  cap: number,
): Promise<number> {
  let size = await inflatedSize(rest, cap)
  let layer: Buffer | undefined = span
  for (let depth = 0; depth < MAX_LAYERS && layer !== undefined && size <= cap; depth += 1) {
    layer = decodeAsciiHex(layer, true) ?? decodeAscii85(layer, true)
    if (layer !== undefined) size = Math.max(size, await inflatedSize(layer, cap))
  }
  if (!isReadByBytes(filters) && size <= cap) {
    size = Math.max(size, await chainSize(span, filters, cap))
  }
  return size
}

/** The standard filters' names and their abbreviations (PDF 1.7 §7.4.1, §8.9.7). */
const FILTER_NAMES: Record<string, string> = {
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  LZW: 'LZWDecode',
  Fl: 'FlateDecode',
  RL: 'RunLengthDecode',
}

/**
 * No filter, or one Flate layer: what the reading by bytes already does in full. Two Flate
 * layers are read by name too, as the outer may be damaged where the inner is whole.
 */
function isReadByBytes(filters: readonly string[]): boolean {
  return (
    filters.length === 0 ||
    (filters.length === 1 && (FILTER_NAMES[filters[0] ?? ''] ?? filters[0]) === 'FlateDecode')
  )
}

/** Bytes `data` decodes to through `filters` in order, or more than `cap`. */
async function chainSize(data: Buffer, filters: readonly string[], cap: number): Promise<number> {
  let layer = data
  for (const [i, given] of filters.entries()) {
    const filter = FILTER_NAMES[given] ?? given
    const last = i === filters.length - 1
    if (filter === 'ASCIIHexDecode') layer = decodeAsciiHex(layer) ?? Buffer.alloc(0)
    else if (filter === 'ASCII85Decode') layer = decodeAscii85(layer) ?? Buffer.alloc(0)
    else if (filter === 'FlateDecode') layer = await inflatedUpTo(layer, cap)
    else if (filter === 'RunLengthDecode') layer = runLengthDecode(layer, cap)
    else if (filter === 'LZWDecode') {
      if (last) return lzwDecodedSize(layer, cap)
      // /EarlyChange is not read: the longer of its two readings goes on.
      const [one, zero] = [lzwDecode(layer, cap, 1), lzwDecode(layer, cap, 0)]
      layer = one.length >= zero.length ? one.bytes : zero.bytes
    } else {
      // Pictures' codecs (DCT, JPX, CCITT, JBIG2) are not decoded for text; a Crypt filter
      // is taken care of by decryption.
      break
    }
    if (layer.length > cap) return layer.length
  }
  return layer.length
}

/** What `data` inflates to, cut at `cap` + 1 bytes; damaged data gives what it holds. */
function inflatedUpTo(data: Buffer, cap: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH })
    const chunks: Buffer[] = []
    let size = 0
    const done = () => resolve(Buffer.concat(chunks).subarray(0, cap + 1))
    inflate.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size > cap) {
        inflate.destroy()
        done()
      }
    })
    inflate.on('error', done)
    inflate.on('end', done)
    inflate.end(data)
  })
}

// How much of an object a /Filter or /DecodeParms held elsewhere is read from.
const MAX_REFERENCED_OBJECT = 64 * 1024

/** What is learnt of the whole file on the first need, in one pass each. */
interface ObjectIndex {
  /** The file as Latin-1 text. */
  text?: string
  /** Where each object is defined: the offset just after its `N G obj`. */
  offsets?: Map<string, number>
  /** How its streams are decrypted; null where they are not encrypted (or not by us). */
  decrypt?: StreamDecryptor | null
  /** The objects pages name as their /Contents ("N G"), through one array held elsewhere. */
  contents?: Set<string>
  /** The text of each object read so far ("N G"); null where it is not defined. */
  objects?: Map<string, string | null>
}

const DEFINITION = /(?<![^\s/<>[\]()%{}])(\d+)\s+(\d+)\s+obj(?![^\s/<>[\]()%{}])/g
// A name, a reference, or an array's brackets, in a /Filter value.
const FILTER_TOKEN = /\/([^\s/<>[\]()%{}]+)|(\d+)\s+(\d+)\s+R|(\[)|(\])/g
// How deep references and arrays held in other objects are followed for a stream's filters.
const MAX_FILTER_DEPTH = 4

/**
 * The names of a stream's filters, in order: its /Filter value, a name or an array, with
 * references to objects holding names or arrays followed (`/Filter 12 0 R`, `/Filter[6 0 R]`),
 * so that hiding a filter's name in another object does not hide what it decodes. An object
 * defined twice (an update appended to the file) is read in its last definition, as the
 * engines read it.
 */
function filterNamesOf(bytes: Buffer, dictionary: string, index: ObjectIndex): string[] {
  const at = /\/Filter(?![^\s/<>[\]()%{}])\s*/.exec(dictionary)
  if (at === null) return []
  const names: string[] = []
  const read = (text: string, depth: number): void => {
    FILTER_TOKEN.lastIndex = 0
    let open = 0
    for (let token = FILTER_TOKEN.exec(text); token !== null; token = FILTER_TOKEN.exec(text)) {
      if (token[1] !== undefined) names.push(token[1])
      else if (token[2] !== undefined && depth < MAX_FILTER_DEPTH) {
        const held = referencedObject(bytes, `${token[2]} ${token[3]}`, index)
        const lastIndex = FILTER_TOKEN.lastIndex
        if (held !== undefined) read(held, depth + 1)
        FILTER_TOKEN.lastIndex = lastIndex
      } else if (token[4] !== undefined) open += 1
      else if (token[5] !== undefined) open -= 1
      // A single value ends after its first token; an array at its closing bracket.
      if (open <= 0) break
    }
  }
  read(dictionary.slice(at.index + at[0].length), 0)
  return names
}

const END_OBJECT = Buffer.from('endobj')

/** The text of object `reference` ("N G"), up to its `endobj` or MAX_REFERENCED_OBJECT. */
function referencedObject(
  bytes: Buffer,
  reference: string,
  index: ObjectIndex,
): string | undefined {
  index.objects ??= new Map()
  const known = index.objects.get(reference)
  if (known !== undefined) return known ?? undefined
  const start = definitionsOf(bytes, index).get(reference)
  let object: string | null = null
  if (start !== undefined) {
    const endobj = bytes.indexOf(END_OBJECT, start)
    const end =
      endobj === -1
        ? start + MAX_REFERENCED_OBJECT
        : Math.min(endobj, start + MAX_REFERENCED_OBJECT)
    object = namesOf(bytes.toString('latin1', start, end))
  }
  index.objects.set(reference, object)
  return object ?? undefined
}

/** The offset just after each `N G obj` of the file, the last where one is defined twice. */
function definitionsOf(bytes: Buffer, index: ObjectIndex): Map<string, number> {
  if (index.offsets !== undefined) return index.offsets
  const offsets = new Map<string, number>()
  for (const match of textOf(bytes, index).matchAll(DEFINITION)) {
    offsets.set(`${match[1]} ${match[2]}`, match.index + match[0].length)
  }
  index.offsets = offsets
  return offsets
}

function textOf(bytes: Buffer, index: ObjectIndex): string {
  index.text ??= bytes.toString('latin1')
  return index.text
}

const ENCRYPT = Buffer.from('/Encrypt')

/** The file's stream decryptor (pdf-decrypt.ts), made on the first need. */
function decryptorOf(bytes: Buffer, index: ObjectIndex): StreamDecryptor | undefined {
  if (index.decrypt === undefined) {
    index.decrypt =
      bytes.indexOf(ENCRYPT) === -1
        ? null
        : (streamDecryptor(textOf(bytes, index), (reference) =>
            definitionsOf(bytes, index).get(reference),
          ) ?? null)
  }
  return index.decrypt ?? undefined
}

const CONTENTS = /\/Contents\s*(?:(\d+)\s+(\d+)\s+R|\[([^\]]*)\])/g
const REFERENCES = /(\d+)\s+(\d+)\s+R/g

/**
 * Whether the stream whose dictionary starts at `start` is named by a page's /Contents:
 * directly, in an array, or in an array held in another object. The engines draw it as the
 * page whatever its dictionary says, so /Subtype /Image on it is no way around the check.
 */
function isPageContent(bytes: Buffer, start: number | undefined, index: ObjectIndex): boolean {
  const object = start === undefined ? undefined : objectBefore(bytes, start)
  if (object === undefined) return false
  if (index.contents === undefined) {
    const contents = new Set<string>()
    for (const match of textOf(bytes, index).matchAll(CONTENTS)) {
      if (match[3] !== undefined) {
        for (const ref of match[3].matchAll(REFERENCES)) contents.add(`${ref[1]} ${ref[2]}`)
        continue
      }
      const reference = `${match[1]} ${match[2]}`
      contents.add(reference)
      const held = referencedObject(bytes, reference, index) ?? ''
      if (/^\s*\[/.test(held)) {
        for (const ref of held.matchAll(REFERENCES)) contents.add(`${ref[1]} ${ref[2]}`)
      }
    }
    index.contents = contents
  }
  return index.contents.has(`${object.number} ${object.generation}`)
}

// How far before a stream's dictionary its `N G obj` is looked for.
const MAX_OBJECT_HEADER = 64

/** The number and generation of the object whose dictionary starts at `start`. */
function objectBefore(
  bytes: Buffer,
  start: number,
): { number: number; generation: number } | undefined {
  const before = bytes.toString('latin1', Math.max(0, start - MAX_OBJECT_HEADER), start)
  const match = /(\d+)\s+(\d+)\s+obj\s*$/.exec(before)
  return match === null ? undefined : { number: Number(match[1]), generation: Number(match[2]) }
}

/** A stream's /Length, direct or held in another object; undefined where neither is readable. */
function lengthOf(bytes: Buffer, dictionary: string, index: ObjectIndex): number | undefined {
  const held = /\/Length(?![\w#])\s*(\d+)\s+(\d+)\s+R/.exec(dictionary)
  if (held !== null) {
    const object = referencedObject(bytes, `${held[1]} ${held[2]}`, index) ?? ''
    const match = /^\s*(\d+)/.exec(object)
    return match === null ? undefined : Number(match[1])
  }
  const match = /\/Length(?![\w#])\s*(\d+)(?![\d.])/.exec(dictionary)
  return match === null ? undefined : Number(match[1])
}

/** Bytes `data` inflates to, or more than `cap` where it inflates past it. */
async function inflatedSize(data: Buffer, cap: number): Promise<number> {
  if (!hasZlibHeader(data)) return 0
  let layer = await inflateLayer(data, cap)
  if (layer === undefined) return cap + 1
  // /Filter [/FlateDecode /FlateDecode]: a bomb wrapped in a second layer inflates to a few
  // hundred KiB at first. Layers that inflate again are followed, a few deep, also where the
  // outer one is damaged (a bad checksum), as the engines read past it.
  for (let depth = 1; depth < MAX_LAYERS && hasZlibHeader(layer); depth += 1) {
    const inner = await inflateLayer(layer, cap)
    if (inner === undefined) return cap + 1
    // Not zlib after all: the layer before is what the engines read.
    if (inner.length <= layer.length) break
    layer = inner
  }
  return layer.length
}

/**
 * `data` inflated, or undefined past `cap`. Damaged data gives what it inflates to before the
 * damage, which is what the engines get too.
 */
async function inflateLayer(data: Buffer, cap: number): Promise<Buffer | undefined> {
  try {
    // Z_SYNC_FLUSH: a truncated stream still gives what it holds, as the engines read it.
    const options = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, cap) }
    return inflateSync(data, options)
  } catch (error) {
    if (error instanceof RangeError) return undefined
    const partial = await inflatedUpTo(data, cap)
    return partial.length > cap ? undefined : partial
  }
}

/**
 * RFC 1950 §2.2: deflate (method 8) with a window of at most 32 KiB, and a check value that
 * makes the first two bytes a multiple of 31. Both engines refuse a Flate stream without it.
 */
function hasZlibHeader(data: Buffer): boolean {
  const cmf = data[0] ?? 0
  const flg = data[1] ?? 0
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0
}

/** Neither white space nor a delimiter: a byte that continues a word such as "endstream". */
function isRegular(byte: number): boolean {
  return !isWhite(byte) && !'()<>[]{}/%'.includes(String.fromCharCode(byte))
}
