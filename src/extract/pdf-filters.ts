// The PDF stream filters other than Flate that the stream check (pdf-streams.ts) must see
// through to bound what the engines decode: the two ASCII armours, decoded, and LZW and
// run-length coding, whose output is only counted. PDF 1.7 §7.4.

/** PDF 1.7 §7.4.2: hex digits and white space up to `>`; undefined where `data` is not that. */
export function decodeAsciiHex(data: Buffer): Buffer | undefined {
  let digits = ''
  for (let at = 0; at < data.length; at += 1) {
    const byte = data[at] ?? 0
    if (byte === 0x3e) {
      // An odd last digit is followed by an implied 0.
      return Buffer.from(digits.length % 2 === 0 ? digits : `${digits}0`, 'hex')
    }
    if (isHexDigit(byte)) digits += String.fromCharCode(byte)
    else if (!isWhite(byte)) return undefined
  }
  return undefined
}

/**
 * PDF 1.7 §7.4.3: groups of five characters `!`–`u` for four bytes, `z` for four zero bytes,
 * white space ignored, ended by `~>`; undefined where `data` is not that.
 */
export function decodeAscii85(data: Buffer): Buffer | undefined {
  // A first pass checks the alphabet and finds the end, and sizes the output: five characters
  // give four bytes, and `z` alone gives four.
  let end = -1
  let zeros = 0
  for (let at = 0; at < data.length && end === -1; at += 1) {
    const byte = data[at] ?? 0
    if (byte === 0x7e) {
      if (data[at + 1] !== 0x3e) return undefined
      end = at
    } else if (byte === 0x7a) zeros += 1
    else if ((byte < 0x21 || byte > 0x75) && !isWhite(byte)) return undefined
  }
  if (end === -1) return undefined

  const out = Buffer.alloc(Math.ceil(((end - zeros) * 4) / 5) + zeros * 4 + 4)
  let length = 0
  const group: number[] = []
  const flush = (count: number) => {
    let value = 0
    for (let i = 0; i < 5; i += 1) value = value * 85 + (group[i] ?? 84)
    for (let i = 0; i < count - 1; i += 1) out[length++] = (value >>> (24 - 8 * i)) & 0xff
    group.length = 0
  }
  for (let at = 0; at < end; at += 1) {
    const byte = data[at] ?? 0
    if (byte === 0x7a) {
      if (group.length > 0) return undefined
      length += 4 // already zero
    } else if (!isWhite(byte)) {
      group.push(byte - 0x21)
      if (group.length === 5) flush(5)
    }
  }
  if (group.length === 1) return undefined
  if (group.length > 0) flush(group.length)
  return out.subarray(0, length)
}

// LZW codes are at most 12 bits wide (PDF 1.7 §7.4.4.2), so its table has 4096 entries.
const LZW_TABLE = 4096
const LZW_CLEAR = 256
const LZW_END = 257

/**
 * Bytes that LZWDecode (PDF 1.7 §7.4.4) gives for `data`, or more than `cap` once past it. Only
 * lengths are tracked, never the bytes: a table entry is one byte longer than the entry it
 * extends. Each 12-bit code can stand for up to 4,094 bytes, so LZW expands up to about
 * 2,700-fold, enough for a bomb. `earlyChange` is the stream's /EarlyChange (1 unless 0).
 */
export function lzwDecodedSize(data: Buffer, cap: number, earlyChange: 0 | 1): number {
  const lengths = new Uint16Array(LZW_TABLE).fill(1, 0, LZW_CLEAR)
  let total = 0
  let next = LZW_END + 1
  let width = 9
  let previous = -1
  let bits = 0
  let held = 0

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
    if (code < LZW_CLEAR || (code > LZW_END && code < next)) length = lengths[code] ?? 0
    // The entry about to be made (or, as pdf.js reads it, any code past the table's end):
    // the previous entry and one byte more.
    else if (previous !== -1) length = (lengths[previous] ?? 0) + 1
    else break

    total += length
    if (total > cap) return total
    if (previous !== -1 && next < LZW_TABLE) {
      lengths[next] = (lengths[previous] ?? 0) + 1
      next += 1
      const boundary = next + earlyChange
      if (boundary >= 512 && (boundary & (boundary - 1)) === 0) width = Math.min(12, width + 1)
    }
    previous = code
  }
  return total
}

/**
 * Bytes that RunLengthDecode (PDF 1.7 §7.4.5) gives for `data`: a length byte below 128
 * copies that many bytes plus one, above 128 repeats the next byte 257 less it times, and 128
 * ends the data. At most 64-fold, but a large stream still counts against the total.
 */
export function runLengthDecodedSize(data: Buffer): number {
  let total = 0
  for (let at = 0; at < data.length;) {
    const length = data[at] ?? 128
    if (length === 128) break
    if (length < 128) {
      total += Math.min(length + 1, data.length - at - 1)
      at += length + 2
    } else {
      if (at + 1 >= data.length) break
      total += 257 - length
      at += 2
    }
  }
  return total
}

function isHexDigit(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x46) ||
    (byte >= 0x61 && byte <= 0x66)
  )
}

/** PDF 1.7 §7.2.2: white-space characters. */
export function isWhite(byte: number): boolean {
  return (
    byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0
  )
}
