// Files hidden inside text: uuencoded blocks (C07), long base64 runs and hex runs (C19).
// Each is decoded within bounds and read as a nested blob, so its text is scanned too.
import { inflatedBudgetOf } from './limits.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { sniffType } from './sniff-type.js'

// POSIX uuencode: "begin <octal mode> <name>", lines of encoded data, a "`" or " " line, "end".
const UUENCODE_BEGIN = /^begin(-base64)? [0-7]{3,4} ([^\r\n]+)\r?\n/gm
const UUENCODE_END = /^end\s*$/m

// Base64 of at least 32 characters (24 bytes), possibly wrapped: shorter runs are ordinary
// words and identifiers far more often than data.
const BASE64_RUN = /(?:[A-Za-z0-9+/]{4}(?:\r?\n)?){8,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?/g

// Hex of at least 32 digits (16 bytes); only kept when it decodes to printable text.
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){16,}\b/g

/** Most blobs decoded from one text: bounds the work a text full of base64 can cause. */
const MAX_BLOBS_PER_TEXT = 32

/** Find encoded blocks in `text` (read from `node`) and read each as a nested blob. */
export async function readBlobsInText(
  s: ExtractSession,
  node: ExtractNode,
  text: string,
): Promise<void> {
  const blobs = [...uudecodedBlocks(text), ...base64Blobs(text), ...hexBlobs(text)]

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
  const out: number[] = []

  for (const line of body.split(/\r?\n/)) {
    if (line.length === 0) continue
    const count = (line.charCodeAt(0) - 32) & 63
    if (count === 0) break

    const bytes: number[] = []
    for (let i = 1; i < line.length && bytes.length < count; i += 4) {
      const [a, b, c, d] = [0, 1, 2, 3].map((k) => (line.charCodeAt(i + k) - 32) & 63)
      bytes.push(((a ?? 0) << 2) | ((b ?? 0) >> 4), (((b ?? 0) & 15) << 4) | ((c ?? 0) >> 2))
      bytes.push((((c ?? 0) & 3) << 6) | (d ?? 0))
    }
    out.push(...bytes.slice(0, count).map((x) => x & 0xff))
  }

  return Buffer.from(out)
}

// A decoded run is followed only when it is text or a format mailward reads; random-looking
// identifiers that happen to be valid base64 decode to unknown bytes and are not reported.
function isWorthReading(bytes: Buffer): boolean {
  const kind = sniffType(bytes).kind
  return kind !== 'unsupported' && kind !== 'empty'
}

function* base64Blobs(text: string): Generator<Blob> {
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0].replace(/\s/g, '')
    if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9]/.test(run)) continue

    const bytes = Buffer.from(run, 'base64')
    if (isWorthReading(bytes)) yield { name: `base64@${m.index}`, bytes }
  }
}

function* hexBlobs(text: string): Generator<Blob> {
  for (const m of text.matchAll(HEX_RUN)) {
    const bytes = Buffer.from(m[0], 'hex')
    if (/^[\x20-\x7e\t\r\n]+$/.test(bytes.toString('latin1')))
      yield { name: `hex@${m.index}`, bytes }
  }
}
