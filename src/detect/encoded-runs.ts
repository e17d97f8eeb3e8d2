// Data hidden in base64 or hex inside a text ("debug token (hex): 414b49…", a CSV pasted as
// base64). Long runs are decoded once and, when the result is readable text, scanned again.
// Decoding is bounded in count and size and never recursive: a run inside a decoded run is
// not decoded again. Runs are found by a skipping scan over character classes rather than
// by a pattern tried at every word: most text has none, and this is on every message's path.
import { append } from './append.js'

export interface EncodedRun {
  readonly start: number
  readonly end: number
  readonly encoding: 'base64' | 'hex'
  readonly decoded: string
}

// A base64 block: a first line of 20+ characters (so words and identifiers are not taken for
// base64), then lines of 4+ wrapped at any width (MIME uses 76), each with up to two '='.
const MIN_FIRST_LINE = 20
const MIN_NEXT_LINE = 4
const MAX_LINE = 16_384
const MAX_LINES = 4096
// Hex of at least 10 bytes; 40 and 64 digits are usually hashes and decode to binary.
const MIN_HEX = 20
const MAX_HEX = 8192

// Limits: what one text may cost. 64 runs and 1 MiB of decoded text cover a log dump or a
// pasted CSV; a text made of nothing but base64 stops there (the rest is still scanned as is).
const MAX_RUNS = 64
const MAX_DECODED = 1 << 20

const BASE64_CHAR = 1
const HEX_CHAR = 2
const PAD = 4

const CLASSES = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  const base64 = /[A-Za-z0-9+/]/.test(ch) ? BASE64_CHAR : 0
  const hex = /[0-9A-Fa-f]/.test(ch) ? HEX_CHAR : 0
  CLASSES[c] = base64 | hex | (ch === '=' ? PAD : 0)
}

function isClass(text: string, i: number, cls: number): boolean {
  const c = text.charCodeAt(i)
  return c < 128 && ((CLASSES[c] ?? 0) & cls) !== 0
}

/** End of the run of characters of class `cls` starting at `from` (at most `max` long). */
function runEnd(text: string, from: number, cls: number, max: number): number {
  let i = from
  while (i < text.length && i - from < max && isClass(text, i, cls)) i++
  return i
}

/**
 * Calls `visit` with every maximal run of class `cls` at least `minLength` long in
 * `[from, to)`, in order; `visit` returns where to go on. A run that long must cover the
 * character `minLength − 1` ahead, so when that one is not of the class the scan jumps past
 * it: ordinary prose costs about one look per `minLength` characters.
 */
function forEachRun(
  text: string,
  cls: number,
  minLength: number,
  visit: (start: number, end: number) => number,
  from = 0,
  to = text.length,
): void {
  let i = from

  while (i + minLength <= to) {
    const probe = i + minLength - 1
    if (!isClass(text, probe, cls)) {
      i = probe + 1
      continue
    }

    let start = probe
    while (start > i && isClass(text, start - 1, cls)) start--
    const end = runEnd(text, probe, cls, Infinity)
    i = end - start >= minLength ? Math.max(end, visit(start, end)) : end
  }
}

function skipPadding(text: string, from: number): number {
  let i = from
  while (i < text.length && i - from < 2 && text.charCodeAt(i) === 61) i++
  return i
}

/** End of the base64 block whose first line is `[start, firstEnd)`. */
function base64BlockEnd(text: string, start: number, firstEnd: number): number {
  let end = skipPadding(text, Math.min(firstEnd, start + MAX_LINE))

  for (let lines = 1; lines < MAX_LINES; lines++) {
    const nl = text.charCodeAt(end) === 13 ? end + 1 : end
    if (text.charCodeAt(nl) !== 10) break

    const lineEnd = runEnd(text, nl + 1, BASE64_CHAR, MAX_LINE)
    if (lineEnd - (nl + 1) < MIN_NEXT_LINE) break
    end = skipPadding(text, lineEnd)
  }

  return end
}

interface Candidates {
  readonly blocks: [number, number][]
  readonly hexRuns: [number, number][]
}

/**
 * Base64 blocks, and maximal runs of hex digits of even length (an odd run is not bytes), in
 * one pass. Hex digits are base64 characters, so a hex run of MIN_HEX (= MIN_FIRST_LINE) or
 * more lies inside a run of base64 characters that long: hex runs are looked for only in the
 * runs and blocks the base64 search visits, each widened to whole runs of base64 characters
 * (edges no hex run crosses), `hexTo` past what was looked through.
 */
export function findCandidates(text: string): Candidates {
  const blocks: [number, number][] = []
  const hexRuns: [number, number][] = []
  let hexTo = 0

  const findHex = (start: number, end: number): void => {
    let from = start
    while (from > hexTo && isClass(text, from - 1, BASE64_CHAR)) from--
    const to = runEnd(text, end, BASE64_CHAR, Infinity)
    forEachRun(
      text,
      HEX_CHAR,
      MIN_HEX,
      (hexStart, hexEnd) => {
        const length = hexEnd - hexStart
        if (length <= MAX_HEX && length % 2 === 0) append(hexRuns, [hexStart, hexEnd])
        return hexEnd
      },
      Math.max(from, hexTo),
      to,
    )
    hexTo = Math.max(hexTo, to)
  }

  forEachRun(text, BASE64_CHAR, MIN_FIRST_LINE, (start, firstEnd) => {
    if (start > 0 && isClass(text, start - 1, PAD)) {
      findHex(start, firstEnd)
      return firstEnd
    }

    const end = base64BlockEnd(text, start, firstEnd)
    append(blocks, [start, end])
    findHex(start, Math.max(firstEnd, end))
    return end
  })

  return { blocks, hexRuns }
}

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

  const { blocks, hexRuns } = findCandidates(text)
  const candidates = [
    ...blocks.map(([s, e]) => ['base64', s, e] as const),
    ...hexRuns.map(([s, e]) => ['hex', s, e] as const),
  ]

  for (const [encoding, start, end] of candidates) {
    if (runs.length >= MAX_RUNS || budget <= 0) return runs

    const compact = text.slice(start, end).replace(/\s+/g, '')
    if (encoding === 'base64' && !hasMixedCharacters(compact)) continue

    const decoded = Buffer.from(compact, encoding).toString('utf8')
    if (!isReadable(decoded)) continue

    budget -= decoded.length
    runs.push({ start, end, encoding, decoded })
  }

  return runs
}
