// The signed content of an S/MIME opaque-signed message (RFC 5652 §5.1 SignedData, RFC 8551
// §3.5.2 application/pkcs7-mime; smime-type=signed-data). The content is signed, not
// encrypted: it is a MIME entity anyone can read, and it is read like one.

interface Tlv {
  readonly tag: number
  readonly isConstructed: boolean
  /** Offset of the value. */
  readonly start: number
  /** Offset just past the value (past the end-of-contents octets for indefinite lengths). */
  readonly end: number
  /** Offset just past the value's last content byte. */
  readonly contentEnd: number
}

// BER (X.690 §8.1): CMS from Outlook and OpenSSL uses indefinite lengths for the content, so
// DER rules alone do not do. Nesting deeper than this is not CMS but a crafted blob.
const MAX_NESTING = 32

const OCTET_STRING = 0x04

/** What a SignedData blob holds. */
export type SignedContent =
  | { readonly kind: 'content'; readonly bytes: Buffer }
  /** No eContent: a detached signature or a certs-only message (RFC 8551 §3.6), no text. */
  | { readonly kind: 'none' }
  | { readonly kind: 'corrupt' }

/**
 * The bytes of `eContent` in a ContentInfo holding SignedData, `none` when the SignedData has
 * no content, `corrupt` when the blob is not that shape (truncated data). Never throws.
 */
export function signedContentOf(bytes: Buffer): SignedContent {
  const contentInfo = readTlv(bytes, 0, 0)
  const explicit = contentInfo === undefined ? undefined : childAt(bytes, contentInfo, 1)
  const signedData = explicit === undefined ? undefined : childAt(bytes, explicit, 0)
  const encapsulated = signedData === undefined ? undefined : childAt(bytes, signedData, 2)
  if (encapsulated === undefined) return { kind: 'corrupt' }

  const wrapper = childAt(bytes, encapsulated, 1)
  if (wrapper === undefined) return { kind: 'none' }
  const octets = childAt(bytes, wrapper, 0)
  if (octets === undefined || (octets.tag & 0x1f) !== OCTET_STRING) return { kind: 'corrupt' }

  const pieces: Buffer[] = []
  const isWhole = collectOctets(bytes, octets, pieces, 0)
  return isWhole ? { kind: 'content', bytes: Buffer.concat(pieces) } : { kind: 'corrupt' }
}

/** A constructed OCTET STRING is a list of OCTET STRING pieces (X.690 §8.7.3). */
function collectOctets(bytes: Buffer, tlv: Tlv, into: Buffer[], depth: number): boolean {
  if (!tlv.isConstructed) {
    into.push(bytes.subarray(tlv.start, tlv.contentEnd))
    return true
  }
  if (depth > MAX_NESTING) return false

  for (const child of childrenOf(bytes, tlv, depth)) {
    if (!collectOctets(bytes, child, into, depth + 1)) return false
  }
  return true
}

function childAt(bytes: Buffer, parent: Tlv, index: number): Tlv | undefined {
  let i = 0
  for (const child of childrenOf(bytes, parent, 0)) {
    if (i === index) return child
    i += 1
  }
  return undefined
}

function* childrenOf(bytes: Buffer, parent: Tlv, depth: number): Generator<Tlv> {
  if (!parent.isConstructed) return

  let pos = parent.start
  while (pos < parent.contentEnd) {
    const child = readTlv(bytes, pos, depth + 1)
    if (child === undefined) return
    yield child
    pos = child.end
  }
}

function readTlv(bytes: Buffer, pos: number, depth: number): Tlv | undefined {
  if (depth > MAX_NESTING || pos + 2 > bytes.length) return undefined

  const tag = bytes[pos] ?? 0
  // High-tag-number form (tag 31+) does not occur on the path to eContent.
  if ((tag & 0x1f) === 0x1f) return undefined
  const isConstructed = (tag & 0x20) !== 0
  const first = bytes[pos + 1] ?? 0

  if (first === 0x80) {
    if (!isConstructed) return undefined
    const start = pos + 2
    const contentEnd = endOfIndefinite(bytes, start, depth)
    if (contentEnd === undefined) return undefined
    return { tag, isConstructed, start, end: contentEnd + 2, contentEnd }
  }

  let length = first
  let start = pos + 2
  if (first > 0x80) {
    const count = first & 0x7f
    if (count > 4 || start + count > bytes.length) return undefined
    length = 0
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[start + i] ?? 0)
    start += count
  }

  const end = start + length
  if (end > bytes.length) return undefined
  return { tag, isConstructed, start, end, contentEnd: end }
}

/** Offset of the end-of-contents octets (00 00) closing an indefinite-length value. */
function endOfIndefinite(bytes: Buffer, start: number, depth: number): number | undefined {
  let pos = start
  while (pos + 2 <= bytes.length) {
    if (bytes[pos] === 0 && bytes[pos + 1] === 0) return pos
    const child = readTlv(bytes, pos, depth + 1)
    if (child === undefined) return undefined
    pos = child.end
  }
  return undefined
}
