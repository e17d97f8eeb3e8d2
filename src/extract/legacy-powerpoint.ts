// Text of a PowerPoint 97-2003 file (MS-PPT): text atoms in the "PowerPoint Document" stream,
// on every slide, hidden or not, and in the notes.
import type { LegacyText } from './legacy-word.js'

// MS-PPT §2.13.24 record types.
const TEXT_CHARS_ATOM = 0x0fa0
const TEXT_BYTES_ATOM = 0x0fa8
const CSTRING = 0x0fba
const CRYPT_SESSION = 0x2f14

/** Every text atom of the stream, one per line. */
export function textOfLegacyPowerPoint(stream: Buffer | undefined): LegacyText {
  if (stream === undefined) return { ok: false, status: 'unscannable', reason: 'ppt: no stream' }

  const lines: string[] = []
  let pos = 0

  while (pos + 8 <= stream.length) {
    const isContainer = (stream.readUInt16LE(pos) & 0x0f) === 0x0f
    const type = stream.readUInt16LE(pos + 2)
    const length = stream.readUInt32LE(pos + 4)
    const body = stream.subarray(pos + 8, pos + 8 + length)

    if (type === CRYPT_SESSION) {
      return { ok: false, status: 'encrypted', reason: 'ppt: password protected' }
    }
    if (type === TEXT_CHARS_ATOM || type === CSTRING) lines.push(body.toString('utf16le'))
    if (type === TEXT_BYTES_ATOM) lines.push(body.toString('latin1'))

    // Containers are entered (their children follow the header); atoms are stepped over.
    pos += isContainer ? 8 : 8 + length
  }

  return { ok: true, text: lines.join('\n').replace(/\r/g, '\n') }
}
