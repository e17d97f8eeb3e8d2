// The PDF stream filters other than Flate that the stream check (pdf-streams.ts) must see
// through to bound what the engines decode: the two ASCII armours and LZW and run-length
// coding (PDF 1.7 §7.4); and the bits of PDF syntax the check and pdf-decrypt.ts share. Every decoder here is linear in its input and stops once its output
// passes `cap`, so decoding a hostile stream costs no more than the cap it is checked against.

/**
 * PDF 1.7 §7.4.2, read as leniently as the engines read it: hex digits up to `>` or the end,
 * anything else skipped, an odd last digit followed by an implied 0. With `strict`, undefined
 * unless the data is only hex digits and white space ended by `>` (armour known by its bytes).
 */
export function decodeAsciiHex(data: Buffer, strict = false): Buffer | undefined {
  // Known by its bytes: most streams fail at their first byte, before anything is made.
  if (strict && !isArmour(data, (byte) => hexValue(byte) !== -1, 0x3e)) return undefined
  const out = Buffer.alloc(Math.ceil(data.length / 2))
  let length = 0
  let high = -1
  for (let at = 0; at < data.length; at += 1) {
    const byte = data[at] ?? 0
    if (byte === 0x3e) {
      if (high !== -1) out[length++] = high << 4
      return out.subarray(0, length)
    }
    const value = hexValue(byte)
    if (value === -1) {
      if (strict && !isWhite(byte)) return undefined
      continue
    }
    if (high === -1) high = value
    else {
      out[length++] = (high << 4) | value
      high = -1
    }
  }
  if (strict) return undefined
  if (high !== -1) out[length++] = high << 4
  return out.subarray(0, length)
}

/**
 * PDF 1.7 §7.4.3: groups of five characters `!`–`u` for four bytes, `z` for four zero bytes,
 * white space ignored, up to `~>` or (leniently, as the engines read it) the end; other bytes
 * are skipped. With `strict`, undefined unless the data is only that alphabet and white space
 * ended by `~>`.
 */
export function decodeAscii85(data: Buffer, strict = false): Buffer | undefined {
  if (strict && !isArmour(data, (byte) => (byte >= 0x21 && byte <= 0x75) || byte === 0x7a, 0x7e))
    return undefined
  // Four bytes for every `z`, four for every five other characters: at most four per byte.
  let zeros = 0
  for (let at = 0; at < data.length; at += 1) if (data[at] === 0x7a) zeros += 1
  const out = Buffer.alloc(Math.ceil(((data.length - zeros) * 4) / 5) + zeros * 4 + 4)
  let length = 0
  let value = 0
  let count = 0
  const flush = (bytes: number) => {
    for (let i = count; i < 5; i += 1) value = value * 85 + 84
    for (let i = 0; i < bytes; i += 1) out[length++] = Math.floor(value / 256 ** (3 - i)) & 0xff
    value = 0
    count = 0
  }
  for (let at = 0; at < data.length; at += 1) {
    const byte = data[at] ?? 0
    if (byte === 0x7e) {
      if (data[at + 1] !== 0x3e && strict) return undefined
      if (count > 1) flush(count - 1)
      return out.subarray(0, length)
    }
    if (byte === 0x7a && count === 0) {
      length += 4 // already zero
    } else if (byte >= 0x21 && byte <= 0x75) {
      value = value * 85 + (byte - 0x21)
      count += 1
      if (count === 5) flush(4)
    } else if (strict && !isWhite(byte)) {
      return undefined
    }
  }
  if (strict) return undefined
  if (count > 1) flush(count - 1)
  return out.subarray(0, length)
}

// LZW codes are at most 12 bits wide (PDF 1.7 §7.4.4.2), so its table has 4096 entries.
const LZW_TABLE = 4096
const LZW_CLEAR = 256
const LZW_END = 257

/**
 * LZWDecode (PDF 1.7 §7.4.4) of `data` with `earlyChange` (the stream's /EarlyChange, 1 unless
 * 0), cut at `cap` + 1 bytes. With `countOnly`, only lengths are tracked (a table entry is one
 * byte longer than the entry it extends) and an empty buffer of the decoded length's size is
 * not made: the result's `length` field is what counts. Each 12-bit code can stand for up to
 * 4,094 bytes, so LZW expands up to about 2,700-fold, enough for a bomb.
 */
export function lzwDecode(
  data: Buffer,
  cap: number,
  earlyChange: 0 | 1,
  countOnly = false,
): { length: number; bytes: Buffer } {
  const lengths = new Uint16Array(LZW_TABLE).fill(1, 0, LZW_CLEAR)
  const prefixes = new Int16Array(LZW_TABLE).fill(-1)
  const lasts = new Uint8Array(LZW_TABLE)
  const firsts = new Uint8Array(LZW_TABLE)
  for (let code = 0; code < LZW_CLEAR; code += 1) lasts[code] = firsts[code] = code
  const out = countOnly ? Buffer.alloc(0) : Buffer.alloc(Math.min(cap + 1, data.length * 8))
  let bytes = out
  let total = 0
  let next = LZW_END + 1
  let width = 9
  let previous = -1
  let bits = 0
  let held = 0

  const emit = (code: number, length: number, first: number) => {
    if (countOnly) return
    if (total + length > bytes.length) {
      const grown = Buffer.alloc(Math.min(cap + 1, Math.max(bytes.length * 2, total + length)))
      bytes.copy(grown, 0, 0, total)
      bytes = grown
    }
    // The entry's bytes, last to first along its prefixes; a code past the table's end (the
    // entry about to be made) ends with its own first byte.
    let at = total + length - 1
    let entry = code
    if (code >= next) {
      bytes[at--] = first
      entry = previous
    }
    for (; entry !== -1 && at >= total; entry = prefixes[entry] ?? -1)
      bytes[at--] = lasts[entry] ?? 0
  }

  for (let at = 0; at < data.length;) {
    while (held < width && at < data.length) {
      bits = ((bits << 8) | (data[at++] ?? 0)) >>> 0
      held += 8
    }
    if (held < width) break
    const code = (bits >>> (held - width)) & ((1 << width) - 1)
    held -= width
    bits &= (1 << held) - 1

    if (code === LZW_CLEAR) {
      next = LZW_END + 1
      width = 9
      previous = -1
      continue
    }
    if (code === LZW_END) break

    let length: number
    let first: number
    if (code < LZW_CLEAR || (code > LZW_END && code < next)) {
      length = lengths[code] ?? 0
      first = firsts[code] ?? 0
    } else if (previous !== -1) {
      // The entry about to be made (or, as pdf.js reads it, any code past the table's end):
      // the previous entry and its own first byte.
      length = (lengths[previous] ?? 0) + 1
      first = firsts[previous] ?? 0
    } else {
      break
    }

    const room = cap + 1 - total
    if (length > room) {
      total += length
      break
    }
    emit(code, length, first)
    total += length
    if (previous !== -1 && next < LZW_TABLE) {
      lengths[next] = (lengths[previous] ?? 0) + 1
      prefixes[next] = previous
      firsts[next] = firsts[previous] ?? 0
      lasts[next] = first
      next += 1
      const boundary = next + earlyChange
      if (boundary >= 512 && (boundary & (boundary - 1)) === 0) width = Math.min(12, width + 1)
    }
    previous = code
  }
  return { length: total, bytes: countOnly ? bytes : bytes.subarray(0, Math.min(total, cap + 1)) }
}

/** Bytes LZWDecode gives for `data`, or more than `cap`; both /EarlyChange values are tried. */
export function lzwDecodedSize(data: Buffer, cap: number): number {
  return Math.max(lzwDecode(data, cap, 1, true).length, lzwDecode(data, cap, 0, true).length)
}

/**
 * RunLengthDecode (PDF 1.7 §7.4.5), cut at `cap` + 1 bytes: a length byte below 128 copies
 * that many bytes plus one, above 128 repeats the next byte 257 less it times, and 128 ends
 * the data. At most 64-fold, but a large stream still counts against the total.
 */
export function runLengthDecode(data: Buffer, cap: number): Buffer {
  const chunks: Buffer[] = []
  let total = 0
  for (let at = 0; at < data.length && total <= cap;) {
    const length = data[at] ?? 128
    if (length === 128) break
    if (length < 128) {
      const piece = data.subarray(at + 1, at + 2 + length)
      chunks.push(piece)
      total += piece.length
      at += length + 2
    } else {
      if (at + 1 >= data.length) break
      chunks.push(Buffer.alloc(257 - length, data[at + 1] ?? 0))
      total += 257 - length
      at += 2
    }
  }
  return Buffer.concat(chunks).subarray(0, cap + 1)
}

/** `data` is only bytes `inAlphabet` allows and white space, up to an `end` byte. */
function isArmour(data: Buffer, inAlphabet: (byte: number) => boolean, end: number): boolean {
  for (let at = 0; at < data.length; at += 1) {
    const byte = data[at] ?? 0
    if (byte === end) return true
    if (!inAlphabet(byte) && !isWhite(byte)) return false
  }
  return false
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57
  return -1
}

/** A dictionary's text with #xx escapes in names decoded (PDF 1.7 §7.3.5). */
export function namesOf(dictionary: string): string {
  return dictionary.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  )
}

/** PDF 1.7 §7.2.2: white-space characters. */
export function isWhite(byte: number): boolean {
  return (
    byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0
  )
}
