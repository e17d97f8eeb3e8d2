// MS-OXRTFCP: the LZ77 variant ("LZFu") Outlook uses for PR_RTF_COMPRESSED bodies.

// §2.1.2.1: the dictionary starts with this text, so common RTF prologues compress well.
const PRELOAD =
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern ' +
  '\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0' +
  '\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx'

const COMPRESSED = 0x75465a4c // "LZFu"
const UNCOMPRESSED = 0x414c454d // "MELA"
const HEADER = 16

/**
 * Decompress a PR_RTF_COMPRESSED value. Output stops at `maxBytes` (and at the size the
 * header declares), so a hostile header cannot make it grow without bound.
 */
export function decompressRtf(data: Buffer, maxBytes: number): Buffer {
  if (data.length < HEADER) throw new RangeError('compressed RTF header truncated')

  const rawSize = data.readUInt32LE(4)
  const type = data.readUInt32LE(8)
  const limit = Math.min(rawSize, maxBytes)

  if (type === UNCOMPRESSED) return data.subarray(HEADER, HEADER + limit)
  if (type !== COMPRESSED) throw new RangeError('compressed RTF type unknown')

  const dictionary = Buffer.alloc(4096)
  dictionary.write(PRELOAD, 'latin1')
  let write = PRELOAD.length
  const out: number[] = []
  let pos = HEADER

  while (pos < data.length && out.length < limit) {
    const control = data[pos++] ?? 0

    for (let bit = 0; bit < 8 && pos < data.length && out.length < limit; bit += 1) {
      if ((control & (1 << bit)) === 0) {
        const byte = data[pos++] ?? 0
        out.push(byte)
        dictionary[write] = byte
        write = (write + 1) % 4096
        continue
      }

      const reference = ((data[pos] ?? 0) << 8) | (data[pos + 1] ?? 0)
      pos += 2
      const offset = reference >> 4
      const length = (reference & 0x0f) + 2
      if (offset === write) return Buffer.from(out)

      for (let i = 0; i < length; i += 1) {
        const byte = dictionary[(offset + i) % 4096] ?? 0
        out.push(byte)
        dictionary[write] = byte
        write = (write + 1) % 4096
      }
    }
  }

  return Buffer.from(out)
}
