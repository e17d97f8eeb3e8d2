// Binary key files: what categories.md means by ".p12/.pfx/.key attachments". A PEM or OpenSSH
// key is text and the PRIVATE_KEY recognizer finds it; these formats are binary and are told
// from their bytes, by the libraries that read them where one exists:
//
// - DER private keys (PKCS#8, also encrypted, PKCS#1 RSA, SEC1 EC): OpenSSL, through node:crypto.
//   An encrypted PKCS#8 key is named by OpenSSL's missing-passphrase error, before any key
//   derivation runs.
// - PKCS#12 (.p12, .pfx): the schema of RFC 7292 (@peculiar/asn1-pfx). Its bags are listed in
//   the clear even when the key in them is encrypted, so a store holding a private or secret
//   key is known without its password (nested bags are followed); one whose contents are all
//   encrypted could be a store of certificates only, and is reported as encrypted content.
// - Java key stores (JKS, JCEKS): no maintained reader exists for Node; their layout is a
//   count and entries tagged 1 (private key), 2 (trusted certificate) or 3 (secret key, JCEKS),
//   walked here. A store of certificates only is a trust store: public.
// - OpenPGP keys without armour (`gpg --export-secret-keys`): the packets' headers (RFC 9580
//   §4.2) up to the first secret-key or secret-subkey packet whose public-key material is well
//   formed (§5.5.2); GnuPG's stubs that hold no secret (S2K 101, "GNU", mode 1) do not count.
//
// sniffKeyFile only looks at structure (a few bytes, no library), since it runs on every blob,
// decoded base64 runs of texts included; the libraries run when the blob is read. None of
// these checks derives a key or verifies a MAC, so a store with an iteration count of billions
// costs what any other file of its size does. What follows a file's structure (a CSV after a
// trust store) is read as appended data, as after an image or a PDF.
//
// The names a store gives its entries (JKS aliases, PKCS#12 friendlyName) are read as text, and
// so are the printable runs of the whole file: certificate subjects, user ids, and whatever a
// length-prefixed slot was made to carry instead of a certificate or a packet.
//
// TODO: A slot holding compressed or encoded data (an image, a deflated CSV) is not decoded;
// telling a real certificate from such bytes would need each one parsed (X509Certificate). DSA keys in the traditional DER form (not
// PKCS#8) are not recognised, since node:crypto offers no parser for them; they are UNSCANNABLE.
// A key pasted into a text as hex is read only when it is one hex run (text-blobs.ts), not
// wrapped over lines; base64url is not decoded.
import { createHash, createPrivateKey } from 'node:crypto'
import { id_data } from '@peculiar/asn1-cms'
import { AuthenticatedSafe, PFX, SafeContents, type SafeBag } from '@peculiar/asn1-pfx'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'

import { fingerprintOf } from '../detect/fingerprint.js'
import type { Finding } from '../detect/types.js'
import { readAppendedData } from './appended-data.js'
import type { ExtractNode, ExtractSession } from './session.js'
import type { SniffedType } from './sniff-type.js'

export type KeyFileFormat = 'der-key' | 'pkcs12' | 'java-keystore' | 'openpgp-key'

/**
 * What a key file was found to hold, and where its structure ends (undefined: at the end of
 * the bytes, or where it cannot be told).
 */
export type KeyFileContents =
  | {
      readonly kind: 'private-key'
      readonly label: string
      readonly confidence: number
      readonly end?: number | undefined
      readonly names?: readonly string[] | undefined
    }
  | {
      readonly kind: 'encrypted'
      readonly reason: string
      readonly end?: number | undefined
      readonly names?: readonly string[] | undefined
    }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | {
      readonly kind: 'public'
      readonly label: string
      readonly end?: number | undefined
      readonly names?: readonly string[] | undefined
    }

// Key files are small; a DER key or a key store of megabytes is something else.
const MAX_DER_KEY_BYTES = 64 * 1024
const MAX_STORE_BYTES = 16 * 1024 * 1024
// The smallest DER private key is some 48 bytes (Ed25519 in PKCS#8).
const MIN_DER_KEY_BYTES = 40

const PKCS12_BAG = '1.2.840.113549.1.12.10.1'
const PKCS12_KEY_BAGS: ReadonlySet<string> = new Set([
  `${PKCS12_BAG}.1`, // keyBag
  `${PKCS12_BAG}.2`, // pkcs8ShroudedKeyBag
  `${PKCS12_BAG}.5`, // secretBag
])
const PKCS12_SAFE_CONTENTS_BAG = `${PKCS12_BAG}.6`
const MAX_BAG_DEPTH = 4

/** The key-file format of `bytes`, judged from a few bytes of structure; undefined if none. */
export function sniffKeyFile(bytes: Buffer): KeyFileFormat | undefined {
  try {
    if (isJavaKeyStore(bytes)) return 'java-keystore'
    if (bytes[0] === 0x30) return derShapeOf(bytes)
    if (openPgpSecretAt(bytes) !== undefined) return 'openpgp-key'
  } catch {
    // A length that points past the bytes: not a key file (sniffType never throws).
  }
  return undefined
}

/** What the key file holds. Never throws: a store that cannot be walked is reported so. */
export function readKeyFile(bytes: Buffer, format: KeyFileFormat): KeyFileContents {
  switch (format) {
    case 'der-key':
      return readDerKey(bytes)
    case 'pkcs12':
      return readPkcs12(bytes) ?? { kind: 'unreadable', reason: 'pkcs12: unreadable key store' }
    case 'java-keystore':
      return readJavaKeyStore(bytes)
    case 'openpgp-key':
      return readOpenPgp(bytes)
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
export async function readKeyFileNode(
  s: ExtractSession,
  node: ExtractNode,
  type: SniffedType,
): Promise<string> {
  if (type.keyFormat === undefined) return 'none'
  const contents = readKeyFile(node.bytes, type.keyFormat)
  switch (contents.kind) {
    case 'private-key':
      s.found(keyFileFinding(node.id, node.bytes.subarray(0, contents.end), contents))
      break
    case 'encrypted':
      s.flag(node.id, 'encrypted', contents.reason)
      break
    case 'unreadable':
      s.flag(node.id, 'unscannable', contents.reason)
      return 'none'
    case 'public':
      // Certificates only (a trust store): public by design, nothing to report.
      break
  }
  // The names a store gives its entries are text its owner wrote (a JKS alias, a PKCS#12
  // friendlyName), and keytool or a certificate manager shows them.
  for (const name of contents.names ?? []) s.addText(node.id, name)
  // Every slot of these formats is length-prefixed and nothing checks what a "certificate",
  // a user id or a padding packet holds: the printable runs of the whole file are read, as
  // `strings` would show them (certificate subjects and user ids among them).
  const printable = printableRuns(node.bytes.subarray(0, contents.end))
  if (printable !== '') s.addText(node.id, printable)
  if (contents.end !== undefined && contents.end < node.bytes.length) {
    await readAppendedData(s, node, contents.end, type.keyFormat)
  }
  return 'key-file'
}

// Runs of printable ASCII long enough to hold a value we look for (a card number is 12 or more).
const PRINTABLE_RUN = /[\x20-\x7e\t\r\n]{8,}/g

function printableRuns(bytes: Buffer): string {
  return (bytes.toString('latin1').match(PRINTABLE_RUN) ?? []).join('\n')
}

/** One DER/BER tag-length header: where the content starts and ends (undefined: indefinite). */
function tlvAt(
  bytes: Buffer,
  at: number,
): { readonly tag: number; readonly start: number; readonly end: number | undefined } | undefined {
  const tag = bytes[at]
  const first = bytes[at + 1]
  if (tag === undefined || first === undefined) return undefined
  if (first < 0x80) return { tag, start: at + 2, end: at + 2 + first }
  if (first === 0x80) return { tag, start: at + 2, end: undefined }
  const size = first & 0x7f
  if (size > 4 || at + 2 + size > bytes.length) return undefined
  const length = bytes.readUIntBE(at + 2, size)
  return { tag, start: at + 2 + size, end: at + 2 + size + length }
}

/**
 * A SEQUENCE whose first element says which key format it can be: INTEGER 3 (PFX), INTEGER 0
 * or 1 (PKCS#8, PKCS#1, SEC1), or an AlgorithmIdentifier followed by an OCTET STRING
 * (EncryptedPrivateKeyInfo; a public key has a BIT STRING there).
 */
function derShapeOf(bytes: Buffer): KeyFileFormat | undefined {
  const outer = tlvAt(bytes, 0)
  if (outer === undefined || outer.tag !== 0x30) return undefined
  if (outer.end !== undefined && outer.end > bytes.length) return undefined
  const { start } = outer

  const isSmallInteger = bytes[start] === 0x02 && bytes[start + 1] === 0x01
  if (isSmallInteger && bytes[start + 2] === 0x03) {
    return bytes.length <= MAX_STORE_BYTES ? 'pkcs12' : undefined
  }
  if (outer.end === undefined || bytes.length < MIN_DER_KEY_BYTES) return undefined
  if (bytes.length > MAX_DER_KEY_BYTES) return undefined
  if (isSmallInteger && (bytes[start + 2] === 0x00 || bytes[start + 2] === 0x01)) return 'der-key'

  const algorithm = tlvAt(bytes, start)
  if (algorithm?.tag !== 0x30 || algorithm.end === undefined) return undefined
  if (bytes[algorithm.start] !== 0x06 || bytes[algorithm.end] !== 0x04) return undefined
  return 'der-key'
}

function readDerKey(bytes: Buffer): KeyFileContents {
  const end = tlvAt(bytes, 0)?.end ?? bytes.length
  const label = derKeyLabel(bytes.subarray(0, end))
  if (label === undefined) {
    return { kind: 'unreadable', reason: 'der: shaped like a private key, not one OpenSSL reads' }
  }
  return { kind: 'private-key', label, confidence: 0.95, end }
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
  const end = tlvAt(bytes, 0)?.end
  let safe: AuthenticatedSafe
  try {
    const pfx = AsnConvert.parse(bytes.subarray(0, end), PFX)
    if (pfx.version !== 3 || pfx.authSafe.contentType !== id_data) return undefined
    const octets = AsnConvert.parse(pfx.authSafe.content, OctetString)
    safe = AsnConvert.parse(octets.buffer, AuthenticatedSafe)
  } catch {
    return undefined
  }

  let hasEncrypted = false
  let hasKey = false
  const names: string[] = []
  for (const content of safe) {
    if (content.contentType !== id_data) {
      hasEncrypted = true
      continue
    }
    try {
      const octets = AsnConvert.parse(content.content, OctetString)
      const bags = AsnConvert.parse(octets.buffer, SafeContents)
      if (walkBags(bags, 0, names)) hasKey = true
    } catch {
      hasEncrypted = true
    }
  }
  if (hasKey) {
    return { kind: 'private-key', label: 'PKCS#12 key store', confidence: 0.95, end, names }
  }
  return hasEncrypted
    ? { kind: 'encrypted', reason: 'pkcs12: key store with encrypted contents', end, names }
    : { kind: 'public', label: 'PKCS#12 store of certificates', end, names }
}

/**
 * True for a key, private or secret, among `bags` or in the safe contents nested in them;
 * their friendlyName attributes go to `names` on the way.
 */
function walkBags(bags: readonly SafeBag[], depth: number, names: string[]): boolean {
  let hasKey = false
  for (const bag of bags) {
    for (const attribute of bag.bagAttributes ?? []) {
      if (attribute.attrId !== FRIENDLY_NAME) continue
      for (const value of attribute.attrValues) {
        const name = bmpStringOf(Buffer.from(value))
        if (name !== undefined && names.length < MAX_NAMES) names.push(name)
      }
    }
    if (PKCS12_KEY_BAGS.has(bag.bagId)) hasKey = true
    if (bag.bagId !== PKCS12_SAFE_CONTENTS_BAG || depth >= MAX_BAG_DEPTH) continue
    try {
      if (walkBags(AsnConvert.parse(bag.bagValue, SafeContents), depth + 1, names)) hasKey = true
    } catch {
      // Nested contents that do not parse hold nothing we can read.
    }
  }
  return hasKey
}

// PKCS #9 friendlyName, a BMPString (UTF-16BE); names beyond MAX_NAMES are not read.
const FRIENDLY_NAME = '1.2.840.113549.1.9.20'
const MAX_NAMES = 1000

function bmpStringOf(der: Buffer): string | undefined {
  const tlv = tlvAt(der, 0)
  if (tlv?.tag !== 0x1e || tlv.end === undefined || tlv.end > der.length) return undefined
  const content = Buffer.from(der.subarray(tlv.start, tlv.end - ((tlv.end - tlv.start) % 2)))
  return content.swap16().toString('utf16le')
}

const JKS_MAGIC = 0xfeedfeed
const JCEKS_MAGIC = 0xcececece
const JKS_DIGEST_BYTES = 20

function isJavaKeyStore(bytes: Buffer): boolean {
  if (bytes.length < 12 || bytes.length > MAX_STORE_BYTES) return false
  const magic = bytes.readUInt32BE(0)
  const version = bytes.readUInt32BE(4)
  return (magic === JKS_MAGIC || magic === JCEKS_MAGIC) && (version === 1 || version === 2)
}

/**
 * Walks the entries of a JKS or JCEKS store (the layout of OpenJDK's JavaKeyStore.engineLoad):
 * tag 1, an encrypted private key and its certificate chain; tag 2, a trusted certificate;
 * tag 3 (JCEKS), a sealed secret key, a serialised Java object whose end cannot be told, so
 * the walk stops there. Then a 20-byte digest ends the store.
 */
function readJavaKeyStore(bytes: Buffer): KeyFileContents {
  const isJceks = bytes.readUInt32BE(0) === JCEKS_MAGIC
  const name = isJceks ? 'JCEKS' : 'JKS'
  const hasCertType = bytes.readUInt32BE(4) === 2
  const count = bytes.readUInt32BE(8)
  const aliases: string[] = []
  const key = (end?: number): KeyFileContents => ({
    kind: 'private-key',
    label: `Java key store (${name})`,
    confidence: 0.95,
    end,
    names: aliases,
  })

  let at = 12
  let hasKey = false
  const fits = (n: number): boolean => at + n <= bytes.length
  const skipCertificate = (): boolean => {
    if (hasCertType) {
      if (!fits(2)) return false
      at += 2 + bytes.readUInt16BE(at)
    }
    if (!fits(4)) return false
    at += 4 + bytes.readUInt32BE(at)
    return at <= bytes.length
  }

  for (let entry = 0; entry < count; entry++) {
    if (!fits(6)) break
    const tag = bytes.readUInt32BE(at)
    if (tag === 3 && isJceks) return key()
    if (tag !== 1 && tag !== 2) break
    at += 4
    const aliasLength = bytes.readUInt16BE(at)
    if (aliases.length < MAX_NAMES && fits(2 + aliasLength)) {
      aliases.push(bytes.toString('utf8', at + 2, at + 2 + aliasLength))
    }
    at += 2 + aliasLength + 8 // the alias (modified UTF-8), then the creation date
    if (tag === 2) {
      if (!skipCertificate()) break
      continue
    }

    hasKey = true
    if (!fits(4)) return key()
    at += 4 + bytes.readUInt32BE(at) // the encrypted key
    if (!fits(4)) return key()
    const chain = bytes.readUInt32BE(at)
    at += 4
    for (let cert = 0; cert < chain; cert++) if (!skipCertificate()) return key()
  }

  const end = at + JKS_DIGEST_BYTES
  // A SHA-1 digest is all printable by chance once in half a billion: printable bytes where the
  // digest should be are text hidden in its place (a card number fits in 20 bytes).
  const digestIsText = /^[\x20-\x7e\t\r\n]+$/.test(bytes.toString('latin1', at, end))
  if (digestIsText) {
    return hasKey
      ? key(at)
      : { kind: 'public', label: `Java trust store (${name})`, end: at, names: aliases }
  }
  if (end > bytes.length) {
    return hasKey
      ? key()
      : { kind: 'unreadable', reason: `${name.toLowerCase()}: unreadable key store` }
  }
  return hasKey
    ? key(end)
    : { kind: 'public', label: `Java trust store (${name})`, end, names: aliases }
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

// Packets a key file holds (RFC 9580 §5): signatures, keys, user ids and attributes, trust,
// markers, padding, and the experimental range. Anything else ends the walk.
const KEY_FILE_TAGS: ReadonlySet<number> = new Set([
  2, 5, 6, 7, 10, 12, 13, 14, 17, 21, 60, 61, 62, 63,
])
const MAX_SNIFFED_PACKETS = 64

/**
 * Where the first secret-key (tag 5) or secret-subkey (tag 7) packet of a well-formed packet
 * stream starts; undefined if the bytes are no such stream. Only the first MAX_SNIFFED_PACKETS
 * are looked at (a public key, user ids and signatures may come first).
 */
function openPgpSecretAt(bytes: Buffer): number | undefined {
  // A transferable key starts with its primary key packet, secret (5) or public (6): RFC 9580
  // §10.1. So a JPEG's FF D8 (tag 63) or a PNG's 89 (tag 2) is no key file.
  const first = packetHeader(bytes, 0)
  if (first === undefined || (first.tag !== 5 && first.tag !== 6)) return undefined
  let at = 0
  for (let packet = 0; packet < MAX_SNIFFED_PACKETS && at < bytes.length; packet++) {
    const header = packetHeader(bytes, at)
    if (header === undefined || !KEY_FILE_TAGS.has(header.tag)) return undefined
    const end = header.bodyAt + header.length
    if (end > bytes.length) return undefined
    const isSecret = header.tag === 5 || header.tag === 7
    if (isSecret && secretKeyKind(bytes.subarray(header.bodyAt, end)) !== undefined) return at
    at = end
  }
  return undefined
}

/** Walks every packet: a secret key with its secret, or only GnuPG's stubs that hold none. */
function readOpenPgp(bytes: Buffer): KeyFileContents {
  let at = 0
  let hasSecret = false
  let hasStub = false
  while (at < bytes.length) {
    const header = packetHeader(bytes, at)
    if (header === undefined || !KEY_FILE_TAGS.has(header.tag)) break
    const end = header.bodyAt + header.length
    if (end > bytes.length) break
    if (header.tag === 5 || header.tag === 7) {
      const kind = secretKeyKind(bytes.subarray(header.bodyAt, end))
      if (kind === 'secret') hasSecret = true
      if (kind === 'stub') hasStub = true
    }
    at = end
  }
  if (hasSecret)
    return { kind: 'private-key', label: 'OpenPGP secret key', confidence: 0.9, end: at }
  if (hasStub) return { kind: 'public', label: 'OpenPGP key without its secret (stub)', end: at }
  return { kind: 'unreadable', reason: 'openpgp: unreadable key' }
}

/**
 * A secret-key packet body whose public-key material is well formed for its algorithm and is
 * followed by a valid S2K usage octet: random bytes pass the header alone once in a few
 * thousand, the whole rarely ever. 'stub': GnuPG's S2K extension 101 ("GNU", mode 1, no secret;
 * mode 2, the secret on a smart card), which `--export-secret-subkeys` writes for the primary key.
 */
function secretKeyKind(body: Buffer): 'secret' | 'stub' | undefined {
  const version = body[0] ?? 0
  if (body.length < (version === 4 ? 8 : 10)) return undefined
  const fields = MATERIAL.get(body[5] ?? 0)
  if (version < 4 || version > 6 || fields === undefined) return undefined
  // v5 and v6 count the public-key material's octets (RFC 9580 §5.5.2.3, draft v5).
  let at = version === 4 ? 6 : 10
  const declared = version === 4 ? undefined : body.readUInt32BE(6)
  const start = at
  for (const field of fields) {
    const next = fieldEnd(body, at, field)
    if (next === undefined) return undefined
    at = next
  }
  if (declared !== undefined && at - start !== declared) return undefined
  // S2K usage: 0 (not protected), 253–255 (protected), or a legacy cipher id (1–13).
  const usage = body[at]
  if (usage === undefined || (usage !== 0 && usage < 253 && usage > 13)) return undefined

  // GnuPG writes the usage octet, then a byte or two (the cipher id, and with GnuPG 2.4 a count
  // octet), then the S2K specifier: 101, a hash id, "GNU" and the mode.
  const protection = body.subarray(at + 1, at + 10)
  const gnu = protection.indexOf('GNU', 0, 'latin1')
  const isGnuStub =
    version === 4 &&
    (usage === 254 || usage === 255) &&
    gnu >= 2 &&
    protection[gnu - 2] === 101 &&
    (protection[gnu + 3] === 1 || protection[gnu + 3] === 2)
  return isGnuStub ? 'stub' : 'secret'
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

/** An OpenPGP packet header at `at` (RFC 9580 §4.2): its tag, where its body starts, its length. */
function packetHeader(
  bytes: Buffer,
  at: number,
): { readonly tag: number; readonly bodyAt: number; readonly length: number } | undefined {
  const first = bytes[at] ?? 0
  if ((first & 0x80) === 0) return undefined

  if ((first & 0x40) === 0) {
    // Old format: tag in bits 5–2, length type in bits 1–0 (3: indeterminate, not for keys).
    const size = [1, 2, 4][first & 0x03]
    if (size === undefined || bytes.length < at + 1 + size) return undefined
    const length = bytes.readUIntBE(at + 1, size)
    return { tag: (first >> 2) & 0x0f, bodyAt: at + 1 + size, length }
  }

  // New format: tag in bits 5–0, then a one-, two- or five-octet length.
  const tag = first & 0x3f
  const octet = bytes[at + 1] ?? 0xff
  if (octet < 192) return { tag, bodyAt: at + 2, length: octet }
  if (octet < 224) {
    return { tag, bodyAt: at + 3, length: ((octet - 192) << 8) + (bytes[at + 2] ?? 0) + 192 }
  }
  if (octet === 255 && bytes.length >= at + 6) {
    return { tag, bodyAt: at + 6, length: bytes.readUInt32BE(at + 2) }
  }
  return undefined
}
