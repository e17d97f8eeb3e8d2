// Files hidden inside text: uuencoded blocks (C07), long base64 runs and hex runs (C19).
// Each is decoded within bounds and read as a nested blob, so its text is scanned too.
import { inflatedBudgetOf } from './limits.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { sniffKeyFile } from './key-files.js'
import { sniffType } from './sniff-type.js'

// POSIX uuencode: "begin <octal mode> <name>", lines of encoded data, a "`" or " " line, "end".
const UUENCODE_BEGIN = /^begin(-base64)? [0-7]{3,4} ([^\r\n]+)\r?\n/gm
const UUENCODE_END = /^end\s*$/m

// Base64 runs of at least 32 characters (24 bytes), possibly wrapped, and hex runs of at
// least 32 digits (16 bytes): shorter runs are ordinary words and identifiers far more often
// than data. Both are found by a scan over character classes, not by a pattern: a quantified
// group such as `(?:[A-Za-z0-9+/]{4}\r?\n?){8,}` keeps one backtracking entry per repetition,
// and V8 gives up with "RangeError: Maximum call stack size exceeded" once a run passes about
// 4 MB, which turned a long inline base64 line into an UNSCANNABLE part.
const MIN_BASE64_RUN = 32
const MIN_HEX_RUN = 32

/** Most blobs decoded from one text: bounds the work a text full of base64 can cause. */
const MAX_BLOBS_PER_TEXT = 32

/** Find encoded blocks in `text` (read from `node`) and read each as a nested blob. */
export async function readBlobsInText(
  s: ExtractSession,
  node: ExtractNode,
  text: string,
): Promise<void> {
  const blobs = firstBlobs(text, MAX_BLOBS_PER_TEXT + 1)

  if (blobs.length > MAX_BLOBS_PER_TEXT) {
    s.flag(node.id, 'unscannable', `text: more than ${MAX_BLOBS_PER_TEXT} encoded blocks`)
  }

  for (const blob of blobs.slice(0, MAX_BLOBS_PER_TEXT)) {
    if (s.stopIfOverTime(node.id)) return
    // Decoded blocks count against the message's inflated-bytes budget like archive members.
    if (blob.bytes.length > s.inflatedRoom()) {
      s.flag(
        `${node.id}/${blob.name}`,
        'unscannable',
        `limit: maxInflatedBytes ${inflatedBudgetOf(s.limits)} exceeded`,
      )
      continue
    }

    s.chargeInflated(blob.bytes.length)
    await s.readNested({
      id: `${node.id}/${blob.name}`,
      bytes: blob.bytes,
      filename: blob.name,
      depth: node.depth + 1,
    })
  }
}

interface Blob {
  readonly name: string
  readonly bytes: Buffer
}

// Taking one blob past the cap tells that there were more, without decoding every run of a
// text made of nothing but base64.
function firstBlobs(text: string, count: number): Blob[] {
  const blobs: Blob[] = []

  for (const found of [uudecodedBlocks, base64Blobs, hexBlobs]) {
    for (const blob of found(text)) {
      if (blobs.push(blob) >= count) return blobs
    }
  }

  return blobs
}

// Each "begin" line is paired with the next "end" line by a forward search, and at most
// MAX_BLOBS_PER_TEXT + 1 of them are tried, so a text of many "begin" lines stays linear.
function* uudecodedBlocks(text: string): Generator<Blob> {
  let tried = 0

  for (const m of text.matchAll(UUENCODE_BEGIN)) {
    tried += 1
    if (tried > MAX_BLOBS_PER_TEXT + 1) return

    const [header, isBase64, name = 'uuencoded'] = m
    const start = m.index + header.length
    const end = UUENCODE_END.exec(text.slice(start))
    if (end === null) continue

    const body = text.slice(start, start + end.index)
    const bytes = isBase64 === undefined ? uudecode(body) : Buffer.from(body, 'base64')
    yield { name: name.trim(), bytes }
  }
}

/** Decode uuencoded lines: the first character of each line gives its byte count. */
export function uudecode(body: string): Buffer {
  // Every 4 characters carry 3 bytes, so the output never outgrows 3/4 of the input.
  const out = Buffer.alloc(Math.ceil((body.length * 3) / 4))
  let length = 0

  for (const line of body.split(/\r?\n/)) {
    if (line.length === 0) continue
    const count = (line.charCodeAt(0) - 32) & 63
    if (count === 0) break

    const sextet = (at: number): number => (line.charCodeAt(at) - 32) & 63
    for (let i = 1, n = 0; i < line.length && n < count; i += 4) {
      const [a, b, c, d] = [sextet(i), sextet(i + 1), sextet(i + 2), sextet(i + 3)]
      const bytes = [(a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d]
      for (const byte of bytes.slice(0, count - n)) out[length++] = byte & 0xff
      n += 3
    }
  }

  return out.subarray(0, length)
}

// A decoded run is followed only when it is text or a format mailward reads; random-looking
// identifiers that happen to be valid base64 decode to unknown bytes and are not reported.
function isWorthReading(bytes: Buffer): boolean {
  const kind = sniffType(bytes).kind
  return kind !== 'unsupported' && kind !== 'empty'
}

function* base64Blobs(text: string): Generator<Blob> {
  for (const { start, run } of base64Runs(text)) {
    if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9]/.test(run)) continue

    const bytes = Buffer.from(run, 'base64')
    if (isWorthReading(bytes)) yield { name: `base64@${start}`, bytes }
  }
}

// A hex run is followed when it decodes to text, or to a key file (a DER key or a key store
// pasted as hex: key-files.ts tells one from a few bytes of structure).
function* hexBlobs(text: string): Generator<Blob> {
  for (const { start, run } of hexRuns(text)) {
    const bytes = Buffer.from(run, 'hex')
    const isText = /^[\x20-\x7e\t\r\n]+$/.test(bytes.toString('latin1'))
    if (isText || sniffKeyFile(bytes) !== undefined) yield { name: `hex@${start}`, bytes }
  }
}

const BASE64_CHAR = 1
const HEX_CHAR = 2
const WORD_CHAR = 4

const CHAR_CLASSES = new Uint8Array(128)
for (let code = 0; code < 128; code += 1) {
  const c = String.fromCharCode(code)
  const base64 = /[A-Za-z0-9+/]/.test(c) ? BASE64_CHAR : 0
  const hex = /[0-9A-Fa-f]/.test(c) ? HEX_CHAR : 0
  CHAR_CLASSES[code] = base64 | hex | (/\w/.test(c) ? WORD_CHAR : 0)
}

function isOfClass(text: string, at: number, cls: number): boolean {
  const code = text.charCodeAt(at)
  return code < 128 && ((CHAR_CLASSES[code] ?? 0) & cls) !== 0
}

function skipClass(text: string, from: number, cls: number): number {
  let at = from
  while (at < text.length && isOfClass(text, at, cls)) at += 1
  return at
}

interface Run {
  readonly start: number
  readonly run: string
}

// A run goes on over a line break only after a full line of a wrapped block: at least 16
// characters, a whole number of 4-character groups (MIME wraps at 76, PEM at 64). The last
// word of a sentence ("... 1111" before a base64 line) stays out, so the block decodes aligned.
const MIN_WRAPPED_LINE = 16

/**
 * Runs of base64 characters, continued over a line break (LF or CRLF) after a full wrapped
 * line, ended by up to two "=": MIME-wrapped blocks come out whole. One pass.
 */
function* base64Runs(text: string): Generator<Run> {
  let at = 0

  while (at < text.length) {
    if (!isOfClass(text, at, BASE64_CHAR)) {
      at += 1
      continue
    }

    const start = at
    const lines: string[] = []
    for (;;) {
      const end = skipClass(text, at, BASE64_CHAR)
      const isFullLine = end - at >= MIN_WRAPPED_LINE && (end - at) % 4 === 0
      lines.push(text.slice(at, end))
      at = end

      const next = afterLineBreak(text, end)
      if (!isFullLine || next === -1 || !isOfClass(text, next, BASE64_CHAR)) break
      at = next
    }

    let padding = ''
    while (padding.length < 2 && text.charAt(at) === '=') {
      padding += '='
      at += 1
    }

    const run = lines.join('') + padding
    if (run.length >= MIN_BASE64_RUN) yield { start, run }
  }
}

/** Where the LF or CRLF at `at` ends, or -1 when there is none. */
function afterLineBreak(text: string, at: number): number {
  if (text.startsWith('\r\n', at)) return at + 2
  return text.startsWith('\n', at) ? at + 1 : -1
}

/** Whole words made only of hex digits, of an even length of at least MIN_HEX_RUN. */
function* hexRuns(text: string): Generator<Run> {
  let at = 0

  while (at < text.length) {
    if (!isOfClass(text, at, WORD_CHAR)) {
      at += 1
      continue
    }

    const start = at
    const hexEnd = skipClass(text, at, HEX_CHAR)
    at = skipClass(text, hexEnd, WORD_CHAR)

    const length = hexEnd - start
    const isHexWord = hexEnd === at && length >= MIN_HEX_RUN && length % 2 === 0
    if (isHexWord) yield { start, run: text.slice(start, at) }
  }
}
