// Data hidden in base64 or hex inside a text ("debug token (hex): 414b49…", a CSV pasted as
// base64). Long runs are decoded once and, when the result is readable text, scanned again.
// Decoding is bounded in count and size and never recursive: a run inside a decoded run is
// not decoded again.

export interface EncodedRun {
  readonly start: number
  readonly end: number
  readonly encoding: 'base64' | 'hex'
  readonly decoded: string
}

// Base64 blocks wrapped at any width (MIME uses 76); 20+ characters per first line so that
// words and identifiers are not taken for base64.
const BASE64 =
  /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{20,16384}={0,2}(?:\r?\n[A-Za-z0-9+/]{4,16384}={0,2}){0,4096}/g
// Hex of at least 10 bytes; 40 and 64 digits are usually hashes and decode to binary.
const HEX = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){10,4096}(?![0-9A-Fa-f])/g

// Limits: what one text may cost. 64 runs and 1 MiB of decoded text cover a log dump or a
// pasted CSV; a text made of nothing but base64 stops there (the rest is still scanned as is).
const MAX_RUNS = 64
const MAX_DECODED = 1 << 20

// Readable: at least 95% printable characters (tabs and line breaks included).
function isReadable(text: string): boolean {
  if (text.length < 12) return false

  let printable = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const isPrintable = c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127 && c !== 0xfffd)
    if (isPrintable) printable++
  }

  return printable >= text.length * 0.95
}

function hasMixedCharacters(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run)
}

/** Decoded readable text of the base64 and hex runs of `text`. */
export function findEncodedRuns(text: string): EncodedRun[] {
  const runs: EncodedRun[] = []
  let budget = MAX_DECODED

  for (const [encoding, pattern] of [
    ['base64', BASE64],
    ['hex', HEX],
  ] as const) {
    for (const m of text.matchAll(pattern)) {
      if (runs.length >= MAX_RUNS || budget <= 0) return runs

      const compact = m[0].replace(/\s+/g, '')
      if (encoding === 'base64' && !hasMixedCharacters(compact)) continue

      const decoded = Buffer.from(compact, encoding).toString('utf8')
      if (!isReadable(decoded)) continue

      budget -= decoded.length
      runs.push({ start: m.index, end: m.index + m[0].length, encoding, decoded })
    }
  }

  return runs
}
