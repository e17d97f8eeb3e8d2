// Binary key files: what categories.md means by ".p12/.pfx/.key attachments". A PEM or OpenSSH
// key is text and the PRIVATE_KEY recognizer finds it; these formats are binary and are told
// from their bytes, by the libraries that read them where one exists:
//
// - DER private keys (PKCS#8, also encrypted, PKCS#1 RSA, SEC1 EC): OpenSSL, through node:crypto.
//   An encrypted PKCS#8 key is named by OpenSSL's missing-passphrase error, before any key
//   derivation runs.
// - PKCS#12 (.p12, .pfx): the schema of RFC 7292 (@peculiar/asn1-pfx). Its key bags are listed
//   in the clear even when the key in them is encrypted, so a store holding a private key is
//   known without its password; one whose contents are all encrypted could be a store of
//   certificates only, and is reported as encrypted content instead.
// - Java key stores (JKS, JCEKS): no maintained reader exists for Node; their layout is a
//   count and entries tagged 1 (private key), 2 (trusted certificate) or 3 (secret key, JCEKS),
//   read here as far as the first key. A store of certificates only is a trust store: public.
// - OpenPGP secret keys (`gpg --export-secret-keys` without armour): the first packet's header,
//   RFC 9580 §4.2 and §5.5.2 (tag 5, version 4 to 6, a public-key algorithm id).
//
// None of these checks derives a key or verifies a MAC, so a store with an iteration count of
// billions costs what any other file of its size does.
import { createHash, createPrivateKey } from 'node:crypto'
import { id_data } from '@peculiar/asn1-cms'
import { AuthenticatedSafe, PFX, SafeContents } from '@peculiar/asn1-pfx'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'

import { fingerprintOf } from '../detect/fingerprint.js'
import type { Finding } from '../detect/types.js'
import type { ExtractNode, ExtractSession } from './session.js'
import type { SniffedType } from './sniff-type.js'

export type KeyFileFormat = 'der-key' | 'pkcs12' | 'java-keystore' | 'openpgp-secret-key'

/** What a key file was found to hold. */
export type KeyFileContents =
  | { readonly kind: 'private-key'; readonly label: string; readonly confidence: number }
  | { readonly kind: 'encrypted'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'public'; readonly label: string }

// Key files are small; a DER key or a Java key store of megabytes is something else.
const MAX_DER_KEY_BYTES = 64 * 1024
const MAX_STORE_BYTES = 16 * 1024 * 1024

const PKCS12_ID_KEY_BAG = '1.2.840.113549.1.12.10.1.1'
const PKCS12_ID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2'

/** The key-file format of `bytes`, judged from their structure; undefined if none. */
export function sniffKeyFile(bytes: Buffer): KeyFileFormat | undefined {
  if (isJavaKeyStore(bytes)) return 'java-keystore'
  if (isOpenPgpSecretKey(bytes)) return 'openpgp-secret-key'
  if (bytes[0] !== 0x30) return undefined
  if (bytes.length <= MAX_DER_KEY_BYTES && derKeyLabel(bytes) !== undefined) return 'der-key'
  if (bytes.length <= MAX_STORE_BYTES && readPkcs12(bytes) !== undefined) return 'pkcs12'
  return undefined
}

/** What the key file holds. Never throws: a store that cannot be walked is reported so. */
export function readKeyFile(bytes: Buffer, format: KeyFileFormat): KeyFileContents {
  switch (format) {
    case 'der-key': {
      const label = derKeyLabel(bytes) ?? 'private key (DER)'
      return { kind: 'private-key', label, confidence: 0.95 }
    }
    case 'pkcs12':
      return readPkcs12(bytes) ?? { kind: 'unreadable', reason: 'pkcs12: unreadable key store' }
    case 'java-keystore':
      return readJavaKeyStore(bytes)
    case 'openpgp-secret-key':
      return { kind: 'private-key', label: 'OpenPGP secret key', confidence: 0.9 }
  }
}

/** The PRIVATE_KEY finding for a key file: no text offsets, the label as its sample. */
export function keyFileFinding(
  partId: string,
  bytes: Buffer,
  contents: { readonly label: string; readonly confidence: number },
): Finding {
  const digest = createHash('sha256').update(bytes).digest('hex')
  return {
    category: 'PRIVATE_KEY',
    partId,
    start: 0,
    end: 0,
    confidence: contents.confidence,
    masked: contents.label,
    fingerprint: fingerprintOf('PRIVATE_KEY', digest),
    recognizer: 'key-file',
    evidence: 'structure',
  }
}

/** Reads a key-file part into the session: its finding, or what else it turned out to be. */
export function readKeyFileNode(s: ExtractSession, node: ExtractNode, type: SniffedType): string {
  if (type.keyFormat === undefined) return 'none'
  const contents = readKeyFile(node.bytes, type.keyFormat)
  switch (contents.kind) {
    case 'private-key':
      s.found(keyFileFinding(node.id, node.bytes, contents))
      return 'key-file'
    case 'encrypted':
      s.flag(node.id, 'encrypted', contents.reason)
      return 'none'
    case 'unreadable':
      s.flag(node.id, 'unscannable', contents.reason)
      return 'none'
    case 'public':
      // Certificates only (a trust store): public by design, nothing to report.
      return 'key-file'
  }
}

function derKeyLabel(bytes: Buffer): string | undefined {
  const tries = [
    ['pkcs8', 'private key (PKCS#8)'],
    ['pkcs1', 'RSA private key (PKCS#1)'],
    ['sec1', 'EC private key (SEC1)'],
  ] as const
  for (const [type, label] of tries) {
    try {
      createPrivateKey({ key: bytes, format: 'der', type })
      return label
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (type === 'pkcs8' && code === 'ERR_MISSING_PASSPHRASE') {
        return 'encrypted private key (PKCS#8)'
      }
    }
  }
  return undefined
}

function readPkcs12(bytes: Buffer): KeyFileContents | undefined {
  let safe: AuthenticatedSafe
  try {
    const pfx = AsnConvert.parse(bytes, PFX)
    if (pfx.version !== 3 || pfx.authSafe.contentType !== id_data) return undefined
    safe = AsnConvert.parse(
      AsnConvert.parse(pfx.authSafe.content, OctetString).buffer,
      AuthenticatedSafe,
    )
  } catch {
    return undefined
  }

  let hasEncrypted = false
  for (const content of safe) {
    if (content.contentType !== id_data) {
      hasEncrypted = true
      continue
    }
    try {
      const bags = AsnConvert.parse(
        AsnConvert.parse(content.content, OctetString).buffer,
        SafeContents,
      )
      const hasKey = bags.some(
        (bag) => bag.bagId === PKCS12_ID_KEY_BAG || bag.bagId === PKCS12_ID_SHROUDED_KEY_BAG,
      )
      if (hasKey) return { kind: 'private-key', label: 'PKCS#12 key store', confidence: 0.95 }
    } catch {
      hasEncrypted = true
    }
  }
  return hasEncrypted
    ? { kind: 'encrypted', reason: 'pkcs12: key store with encrypted contents' }
    : { kind: 'public', label: 'PKCS#12 store of certificates' }
}

const JKS_MAGIC = 0xfeedfeed
const JCEKS_MAGIC = 0xcececece

function isJavaKeyStore(bytes: Buffer): boolean {
  if (bytes.length < 12 || bytes.length > MAX_STORE_BYTES) return false
  const magic = bytes.readUInt32BE(0)
  const version = bytes.readUInt32BE(4)
  return (magic === JKS_MAGIC || magic === JCEKS_MAGIC) && (version === 1 || version === 2)
}

/**
 * Walks the entries of a JKS or JCEKS store (the layout of OpenJDK's JavaKeyStore.engineLoad)
 * up to the first key: tag 1 (an encrypted private key with its certificate chain) or tag 3
 * (a sealed secret key, JCEKS). Tag 2 entries (trusted certificates) are skipped.
 */
function readJavaKeyStore(bytes: Buffer): KeyFileContents {
  const isJceks = bytes.readUInt32BE(0) === JCEKS_MAGIC
  const name = isJceks ? 'JCEKS' : 'JKS'
  const hasCertType = bytes.readUInt32BE(4) === 2
  const count = bytes.readUInt32BE(8)
  const unreadable: KeyFileContents = {
    kind: 'unreadable',
    reason: `${name.toLowerCase()}: unreadable key store`,
  }

  let at = 12
  const need = (n: number): boolean => at + n <= bytes.length
  for (let entry = 0; entry < count; entry++) {
    if (!need(4)) return unreadable
    const tag = bytes.readUInt32BE(at)
    if (tag === 1 || (tag === 3 && isJceks)) {
      return { kind: 'private-key', label: `Java key store (${name})`, confidence: 0.95 }
    }
    if (tag !== 2) return unreadable
    at += 4

    if (!need(2)) return unreadable
    at += 2 + bytes.readUInt16BE(at) + 8 // alias, then the creation date
    if (hasCertType) {
      if (!need(2)) return unreadable
      at += 2 + bytes.readUInt16BE(at)
    }
    if (!need(4)) return unreadable
    at += 4 + bytes.readUInt32BE(at)
    if (at > bytes.length) return unreadable
  }
  return { kind: 'public', label: `Java trust store (${name})` }
}

// RFC 9580 §5.5.5: the public-key material of each algorithm id, as a list of fields: an MPI
// (two-octet bit count, then the number), a curve OID (one-octet length, then the OID), the
// ECDH KDF parameters (one-octet length, then them), or a fixed number of octets.
type Field = 'mpi' | 'oid' | 'kdf' | number
const MATERIAL: ReadonlyMap<number, readonly Field[]> = new Map<number, readonly Field[]>([
  [1, ['mpi', 'mpi']], // RSA
  [2, ['mpi', 'mpi']],
  [3, ['mpi', 'mpi']],
  [16, ['mpi', 'mpi', 'mpi']], // Elgamal
  [17, ['mpi', 'mpi', 'mpi', 'mpi']], // DSA
  [18, ['oid', 'mpi', 'kdf']], // ECDH
  [19, ['oid', 'mpi']], // ECDSA
  [22, ['oid', 'mpi']], // EdDSA (legacy)
  [25, [32]], // X25519
  [26, [56]], // X448
  [27, [32]], // Ed25519
  [28, [57]], // Ed448
])

/**
 * A first packet that is a secret key (tag 5), in the old or the new header format, whose
 * public-key material is well formed for its algorithm and is followed by a valid S2K usage
 * octet: random bytes pass the header alone once in a few thousand, the whole rarely ever.
 */
function isOpenPgpSecretKey(bytes: Buffer): boolean {
  const header = packetHeader(bytes)
  if (header === undefined || header.tag !== 5) return false
  const { bodyAt, length } = header
  if (length < 8 || bodyAt + length > bytes.length) return false
  const body = bytes.subarray(bodyAt, bodyAt + length)

  const version = body[0] ?? 0
  const fields = MATERIAL.get(body[5] ?? 0)
  if (version < 4 || version > 6 || fields === undefined) return false
  // v5 and v6 count the public-key material's octets (RFC 9580 §5.5.2.3, draft v5).
  let at = version === 4 ? 6 : 10
  const declared = version === 4 ? undefined : body.readUInt32BE(6)
  const start = at
  for (const field of fields) {
    const next = fieldEnd(body, at, field)
    if (next === undefined) return false
    at = next
  }
  if (declared !== undefined && at - start !== declared) return false
  // S2K usage: 0 (not protected), 253–255 (protected), or a legacy cipher id (1–13).
  const usage = body[at]
  return usage !== undefined && (usage === 0 || usage >= 253 || usage <= 13)
}

function fieldEnd(body: Buffer, at: number, field: Field): number | undefined {
  if (typeof field === 'number') return at + field <= body.length ? at + field : undefined
  if (field === 'oid' || field === 'kdf') {
    const size = body[at] ?? 0
    if (size === 0 || size === 0xff || at + 1 + size > body.length) return undefined
    if (field === 'oid' && body[at + 1] !== 0x2a && body[at + 1] !== 0x2b) return undefined
    return at + 1 + size
  }
  if (at + 2 > body.length) return undefined
  const bits = body.readUInt16BE(at)
  const size = Math.ceil(bits / 8)
  if (bits === 0 || at + 2 + size > body.length) return undefined
  // The bit count is that of the number: its first octet's top set bit says it.
  const first = body[at + 2] ?? 0
  if (first === 0 || 32 - Math.clz32(first) !== bits - 8 * (size - 1)) return undefined
  return at + 2 + size
}

/** An OpenPGP packet header (RFC 9580 §4.2): the tag, where the body starts, its length. */
function packetHeader(
  bytes: Buffer,
): { readonly tag: number; readonly bodyAt: number; readonly length: number } | undefined {
  const first = bytes[0] ?? 0
  if ((first & 0x80) === 0) return undefined

  if ((first & 0x40) === 0) {
    // Old format: tag in bits 5–2, length type in bits 1–0 (3: indeterminate, not for keys).
    const lengthType = first & 0x03
    const size = [1, 2, 4][lengthType]
    if (size === undefined || bytes.length < 1 + size) return undefined
    const length = bytes.readUIntBE(1, size)
    return { tag: (first >> 2) & 0x0f, bodyAt: 1 + size, length }
  }

  // New format: tag in bits 5–0, then a one-, two- or five-octet length.
  const tag = first & 0x3f
  const octet = bytes[1] ?? 0xff
  if (octet < 192) return { tag, bodyAt: 2, length: octet }
  if (octet < 224) return { tag, bodyAt: 3, length: ((octet - 192) << 8) + (bytes[2] ?? 0) + 192 }
  if (octet === 255 && bytes.length >= 6) return { tag, bodyAt: 6, length: bytes.readUInt32BE(2) }
  return undefined
}
