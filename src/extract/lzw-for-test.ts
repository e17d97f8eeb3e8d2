// An LZW encoder for the extract tests; mailward itself only counts LZW output (pdf-filters.ts).

/**
 * LZW as PDF 1.7 §7.4.4 writes it, with EarlyChange 1: the reference encoder of these tests. The
 * decoder makes each table entry one code after the encoder, so a code is written as wide as
 * the decoder will then read it: one bit more once the encoder's next entry reaches 512, 1024,
 * 2048. The table is cleared before it is full.
 */
export function lzwEncode(data: Buffer): Buffer {
  const out: number[] = []
  let bits = 0
  let held = 0
  const put = (code: number, width: number) => {
    bits = (bits << width) | code
    held += width
    while (held >= 8) {
      out.push((bits >>> (held - 8)) & 0xff)
      held -= 8
    }
    bits &= (1 << held) - 1
  }
  const widthFor = (next: number) => (next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9)

  let table = new Map<string, number>()
  let next = 258
  let sinceClear = 0
  const codeOf = (word: string) =>
    word.length === 1 ? word.charCodeAt(0) : (table.get(word) ?? -1)
  put(256, 9)
  let word = ''
  for (const byte of data) {
    const extended = word + String.fromCharCode(byte)
    if (word === '' || table.has(extended)) {
      word = extended
      continue
    }
    put(codeOf(word), widthFor(next))
    sinceClear += 1
    table.set(extended, next)
    next += 1
    if (next === 4000) {
      put(256, widthFor(next))
      table = new Map()
      next = 258
      sinceClear = 0
    }
    word = String.fromCharCode(byte)
  }
  if (word !== '') {
    put(codeOf(word), widthFor(next))
    // The decoder makes an entry for this code unless it is the first since a clear.
    if (sinceClear > 0) next += 1
  }
  put(257, widthFor(next))
  if (held > 0) out.push((bits << (8 - held)) & 0xff)
  return Buffer.from(out)
}
