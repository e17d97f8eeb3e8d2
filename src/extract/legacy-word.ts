// Text of a Word 97-2003 document (MS-DOC): the piece table in the Clx says where each run
// of characters sits in the WordDocument stream, 8-bit (cp1252) or UTF-16.
import iconv from 'iconv-lite'

export type LegacyText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly status: 'encrypted' | 'unscannable'; readonly reason: string }

type StreamOf = (name: string) => Buffer | undefined

// MS-DOC §2.5.1 FibBase flags at offset 0x0A.
const F_WHICH_TBL_STM = 0x0200
const F_ENCRYPTED = 0x0100

// MS-DOC §2.5.6: fcClx is the 34th fc/lcb pair of FibRgFcLcb97.
const CLX_PAIR_INDEX = 33

/** Text of the main document, footnotes, headers, comments and text boxes, in stream order. */
export function textOfLegacyWord(streamOf: StreamOf): LegacyText {
  const doc = streamOf('WordDocument')
  if (doc === undefined || doc.length < 0x200) return broken('doc: no WordDocument stream')

  const flags = doc.readUInt16LE(0x0a)
  if ((flags & F_ENCRYPTED) !== 0) {
    return { ok: false, status: 'encrypted', reason: 'doc: password protected' }
  }

  const table = streamOf((flags & F_WHICH_TBL_STM) !== 0 ? '1Table' : '0Table')
  if (table === undefined) return broken('doc: no table stream')

  const pairs = fcLcbStart(doc)
  const fcClx = doc.readUInt32LE(pairs + CLX_PAIR_INDEX * 8)
  const lcbClx = doc.readUInt32LE(pairs + CLX_PAIR_INDEX * 8 + 4)
  if (lcbClx === 0 || fcClx + lcbClx > table.length) return broken('doc: no piece table')

  return { ok: true, text: cleanControls(readPieces(doc, table.subarray(fcClx, fcClx + lcbClx))) }
}

/** Offset of FibRgFcLcb: FibBase (32 bytes), then two counted arrays (MS-DOC §2.5.1). */
function fcLcbStart(doc: Buffer): number {
  let pos = 32
  pos += 2 + doc.readUInt16LE(pos) * 2
  pos += 2 + doc.readUInt16LE(pos) * 4
  return pos + 2
}

function readPieces(doc: Buffer, clx: Buffer): string {
  let pos = 0

  // Skip Prc entries (0x01, size, grpprl) until the Pcdt (0x02).
  while (clx[pos] === 0x01) pos += 3 + clx.readInt16LE(pos + 1)
  if (clx[pos] !== 0x02) return ''

  const lcb = clx.readUInt32LE(pos + 1)
  const plc = clx.subarray(pos + 5, pos + 5 + lcb)
  const count = Math.floor((lcb - 4) / 12)
  const parts: string[] = []

  for (let i = 0; i < count; i += 1) {
    const cpStart = plc.readUInt32LE(i * 4)
    const cpEnd = plc.readUInt32LE((i + 1) * 4)
    const fcRaw = plc.readUInt32LE((count + 1) * 4 + i * 8 + 2)
    const chars = Math.max(0, cpEnd - cpStart)

    const isCompressed = (fcRaw & 0x40000000) !== 0
    const fc = isCompressed ? (fcRaw & 0x3fffffff) / 2 : fcRaw
    const bytes = doc.subarray(fc, fc + (isCompressed ? chars : chars * 2))

    parts.push(isCompressed ? iconv.decode(bytes, 'windows-1252') : bytes.toString('utf16le'))
  }

  return parts.join('')
}

// MS-DOC §2.8.25: \r ends a paragraph, 0x07 a table cell, 0x13-0x15 delimit fields, 0x0B is
// a line break, 0x0C a page break; other controls anchor pictures and notes.
/* eslint-disable no-control-regex -- these control characters are MS-DOC's own markers */
function cleanControls(text: string): string {
  return text
    .replace(/\r/g, '\n')
    .replace(/\x07/g, '\t')
    .replace(/[\x0b\x0c]/g, '\n')
    .replace(/[\x00-\x08\x0e-\x1f]/g, ' ')
}
/* eslint-enable no-control-regex */

function broken(reason: string): LegacyText {
  return { ok: false, status: 'unscannable', reason }
}
