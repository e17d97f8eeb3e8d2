// Decryption of the streams of a PDF encrypted with the standard security handler and an empty
// user password (PDF 1.7 §7.6, ISO 32000-2 §7.6.4): such a file opens without a password in
// every reader, and both engines decrypt and inflate its streams, so the stream check
// (pdf-streams.ts) must see the same plaintext to bound them. A file that needs a password is
// not opened by the engines at all (pdf.js reports it), and is left alone here.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto'

import { namesOf } from './pdf-filters.js'

/** The plaintext of the data of stream object `number` `generation`. */
export type StreamDecryptor = (number: number, generation: number, data: Buffer) => Buffer

// PDF 1.7 §7.6.3.3, Algorithm 2: the padding a password is completed with.
export const PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
)

// How much of the encryption dictionary is read; real ones are a few hundred bytes.
const MAX_ENCRYPT_DICTIONARY = 64 * 1024

/**
 * A decryptor for the streams of `text` (the file as Latin-1) where its trailer names an
 * /Encrypt dictionary of the standard handler that opens with the empty password; undefined
 * where the file is not encrypted, needs a password, or uses a handler or method this does not
 * know. `definition` gives the offset just after `N G obj` of an object.
 */
export function streamDecryptor(
  text: string,
  definition: (reference: string) => number | undefined,
): StreamDecryptor | undefined {
  // The trailer that counts is the last, but a comment or a stream can also hold "/Encrypt"
  // or "/ID": each place is tried, from the end, and the first whose key opens the file wins.
  const encrypts = lastPlaces(text, /\/Encrypt(?![\w#])/g)
  const ids = lastPlaces(text, /\/ID(?![\w#])/g)
  for (const at of encrypts) {
    const encrypt = encryptDictionary(text, at, definition)
    if (encrypt === undefined) continue
    // Revisions 5 and 6 derive the key without the file's /ID.
    const needsId = (integerOf(encrypt, 'R') ?? 0) < 5
    const candidates = needsId && ids.length > 0 ? ids : [undefined]
    for (const idAt of candidates) {
      const decryptor = decryptorFor(encrypt, idAt === undefined ? undefined : idString(text, idAt))
      if (decryptor !== undefined) return decryptor
    }
  }
  return undefined
}

// How many places holding "/Encrypt" or "/ID" are tried, from the end of the file.
const MAX_PLACES = 16

function lastPlaces(text: string, pattern: RegExp): number[] {
  const places: number[] = []
  for (const match of text.matchAll(pattern)) places.push(match.index)
  return places.slice(-MAX_PLACES).reverse()
}

/** The first string of the /ID array at `at`. */
function idString(text: string, at: number): Buffer | undefined {
  const open = /^\s*\[\s*/.exec(text.slice(at + 3, at + 64))
  return open === null ? undefined : pdfString(text, at + 3 + open[0].length)
}

function decryptorFor(encrypt: string, id: Buffer | undefined): StreamDecryptor | undefined {
  if (!/\/Filter\s*\/Standard(?![\w#])/.test(encrypt)) return undefined

  const v = integerOf(encrypt, 'V') ?? 0
  const r = integerOf(encrypt, 'R') ?? 0
  const o = stringOf(encrypt, 'O')
  const u = stringOf(encrypt, 'U')
  const p = integerOf(encrypt, 'P')
  if (o === undefined || u === undefined || p === undefined) return undefined
  const streamMethod = methodOf(encrypt, v)
  if (streamMethod === 'identity') return (_n, _g, data) => data
  if (streamMethod === undefined) return undefined

  if (r >= 5) {
    const key = aes256Key(r, u, stringOf(encrypt, 'UE'))
    return key === undefined ? undefined : (_n, _g, data) => aesDecrypt('aes-256-cbc', key, data)
  }

  const fileId = id ?? Buffer.alloc(0)
  // Key length in bytes: 5 for revision 2; 16 with crypt filters (/V 4); else /Length bits.
  const bits = integerOf(encrypt, 'Length') ?? 40
  const length = r === 2 ? 5 : v === 4 ? 16 : Math.min(16, Math.max(5, Math.floor(bits / 8)))
  const metadata = !/\/EncryptMetadata\s*false/.test(encrypt)
  const key = rc4Key(o, p, fileId, r, length, metadata)
  if (!opensWithEmptyPassword(key, u, fileId, r)) return undefined

  return (number, generation, data) => {
    const salt = Buffer.from([
      number & 0xff,
      (number >> 8) & 0xff,
      (number >> 16) & 0xff,
      generation & 0xff,
      (generation >> 8) & 0xff,
    ])
    const aes = streamMethod === 'aes128'
    const objectKey = md5(key, salt, aes ? Buffer.from('sAlT') : Buffer.alloc(0)).subarray(
      0,
      Math.min(16, length + 5),
    )
    return aes ? aesDecrypt('aes-128-cbc', objectKey, data) : rc4(objectKey, data)
  }
}

/** The /Encrypt dictionary named at `at`, with #-escapes in its names decoded (§7.3.5). */
function encryptDictionary(
  text: string,
  at: number,
  definition: (reference: string) => number | undefined,
): string | undefined {
  const after = text.slice(at + 8, at + 8 + MAX_ENCRYPT_DICTIONARY)
  const reference = /^\s*(\d+)\s+(\d+)\s+R/.exec(after)
  let dictionary: string | undefined
  if (reference !== null) {
    const start = definition(`${reference[1]} ${reference[2]}`)
    if (start === undefined) return undefined
    dictionary = balancedDictionary(text.slice(start, start + MAX_ENCRYPT_DICTIONARY))
  } else {
    dictionary = balancedDictionary(after)
  }
  return dictionary === undefined ? undefined : namesOf(dictionary)
}

/** The first `<< … >>` of `text`, nested dictionaries included, strings passed over. */
function balancedDictionary(text: string): string | undefined {
  const start = text.indexOf('<<')
  if (start === -1) return undefined
  let depth = 0
  for (let at = start; at < text.length - 1; at += 1) {
    const c = text[at]
    if (c === '(') {
      at = stringEnd(text, at)
      if (at === -1) return undefined
    } else if (text.startsWith('<<', at)) {
      depth += 1
      at += 1
    } else if (text.startsWith('>>', at)) {
      depth -= 1
      at += 1
      if (depth === 0) return text.slice(start, at + 1)
    } else if (c === '<') {
      at = text.indexOf('>', at)
      if (at === -1) return undefined
    }
  }
  return undefined
}

/** Where the literal string opened at `start` closes (§7.3.4.2), or -1. */
function stringEnd(text: string, start: number): number {
  let depth = 0
  for (let at = start; at < text.length; at += 1) {
    const c = text[at]
    if (c === '\\') at += 1
    else if (c === '(') depth += 1
    else if (c === ')') {
      depth -= 1
      if (depth === 0) return at
    }
  }
  return -1
}

/** How streams are encrypted: /V 1–2 RC4, /V 4–5 the crypt filter /StmF names (§7.6.5). */
function methodOf(
  encrypt: string,
  v: number,
): 'rc4' | 'aes128' | 'aes256' | 'identity' | undefined {
  if (v === 1 || v === 2) return 'rc4'
  if (v !== 4 && v !== 5) return undefined
  const filter = /\/StmF\s*\/([^\s/<>[\]()]+)/.exec(encrypt)?.[1] ?? 'Identity'
  if (filter === 'Identity') return 'identity'
  const named = new RegExp(`/${filter.replace(/\W/g, '\\$&')}\\s*<<`)
  const at = encrypt.search(named)
  if (at === -1) return undefined
  const cfm = /\/CFM\s*\/(\w+)/.exec(balancedDictionary(encrypt.slice(at)) ?? '')?.[1]
  if (cfm === 'V2') return 'rc4'
  if (cfm === 'AESV2') return 'aes128'
  if (cfm === 'AESV3') return 'aes256'
  if (cfm === 'None') return 'identity'
  return undefined
}

/** PDF 1.7 §7.6.3.3, Algorithm 2, for the empty password. */
function rc4Key(
  o: Buffer,
  p: number,
  id: Buffer,
  r: number,
  length: number,
  metadata: boolean,
): Buffer {
  const permissions = Buffer.alloc(4)
  permissions.writeInt32LE(p | 0)
  const extra = r >= 4 && !metadata ? Buffer.from([0xff, 0xff, 0xff, 0xff]) : Buffer.alloc(0)
  let key = md5(PADDING, o.subarray(0, 32), permissions, id, extra)
  if (r >= 3) for (let i = 0; i < 50; i += 1) key = md5(key.subarray(0, length))
  return key.subarray(0, length)
}

/** Algorithms 6 and 5 of §7.6.3.4: the empty password is the user password. */
function opensWithEmptyPassword(key: Buffer, u: Buffer, id: Buffer, r: number): boolean {
  if (r === 2) return rc4(key, PADDING).equals(u.subarray(0, 32))
  let value = rc4(key, md5(PADDING, id))
  for (let i = 1; i <= 19; i += 1) value = rc4(Buffer.from(key.map((byte) => byte ^ i)), value)
  return value.equals(u.subarray(0, 16))
}

/**
 * ISO 32000-2 §7.6.4.3.3 (Algorithm 2.A) for the empty password: the file key is /UE
 * decrypted with a hash of the user key salt; the hash of the validation salt must equal the
 * first 32 bytes of /U.
 */
function aes256Key(r: number, u: Buffer, ue: Buffer | undefined): Buffer | undefined {
  if (ue === undefined || u.length < 48 || ue.length < 32) return undefined
  const none = Buffer.alloc(0)
  const hash = (salt: Buffer) => (r === 5 ? sha('sha256', salt) : hardenedHash(none, salt, none))
  if (!hash(u.subarray(32, 40)).equals(u.subarray(0, 32))) return undefined
  const decipher = createDecipheriv('aes-256-cbc', hash(u.subarray(40, 48)), Buffer.alloc(16))
  decipher.setAutoPadding(false)
  return Buffer.concat([decipher.update(ue.subarray(0, 32)), decipher.final()])
}

/**
 * ISO 32000-2 §7.6.4.3.4, Algorithm 2.B: the hash of `password` with an 8-byte `salt` and, when
 * hashing for the owner, `user` (the 48 bytes of /U; empty for the user).
 */
export function hardenedHash(password: Buffer, salt: Buffer, user: Buffer): Buffer {
  let k: Buffer = createHash('sha256').update(password).update(salt).update(user).digest()
  for (let round = 1; ; round += 1) {
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32))
    cipher.setAutoPadding(false)
    const k1 = Buffer.concat(Array<Buffer>(64).fill(Buffer.concat([password, k, user])))
    const e = Buffer.concat([cipher.update(k1), cipher.final()])
    // The first 16 bytes of E as a number, modulo 3: the same as the sum of its bytes.
    let sum = 0
    for (let i = 0; i < 16; i += 1) sum += e[i] ?? 0
    k = sha(['sha256', 'sha384', 'sha512'][sum % 3] ?? 'sha256', e)
    // At least 64 rounds, then until E's last byte is at most the round number less 32.
    if (round >= 64 && (e[e.length - 1] ?? 0) <= round - 32) return k.subarray(0, 32)
  }
}

/** AES-CBC with the IV in the first 16 bytes (§7.6.2); a truncated last block is dropped. */
function aesDecrypt(algorithm: string, key: Buffer, data: Buffer): Buffer {
  if (data.length < 32) return Buffer.alloc(0)
  const body = data.subarray(16, 16 + Math.floor((data.length - 16) / 16) * 16)
  const decipher = createDecipheriv(algorithm, key, data.subarray(0, 16))
  // Padding is not checked: a stream cut short still decrypts to what it holds, as the engines
  // read it.
  decipher.setAutoPadding(false)
  return Buffer.concat([decipher.update(body), decipher.final()])
}

/** RC4 (the cipher of PDF's /V 1–2 and crypt filter V2); OpenSSL 3 keeps it out of reach. */
export function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256)
  for (let i = 0; i < 256; i += 1) s[i] = i
  for (let i = 0, j = 0; i < 256; i += 1) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff
    ;[s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0]
  }
  const out = Buffer.alloc(data.length)
  for (let n = 0, i = 0, j = 0; n < data.length; n += 1) {
    i = (i + 1) & 0xff
    j = (j + (s[i] ?? 0)) & 0xff
    ;[s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0]
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0)
  }
  return out
}

export function md5(...parts: Buffer[]): Buffer {
  const hash = createHash('md5')
  for (const part of parts) hash.update(part)
  return hash.digest()
}

function sha(algorithm: string, data: Buffer): Buffer {
  return createHash(algorithm).update(data).digest()
}

function integerOf(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key}(?![\\w#])\\s*(-?\\d+)(?![\\d.])`).exec(dictionary)
  return match === null ? undefined : Number(match[1])
}

/** The string value of `/key`, literal or hexadecimal (§7.3.4), as bytes. */
function stringOf(dictionary: string, key: string): Buffer | undefined {
  const at = new RegExp(`/${key}\\s*(?=[(<][^<])`).exec(dictionary)
  return at === null ? undefined : pdfString(dictionary, at.index + at[0].length)
}

/** PDF 1.7 §7.3.4.2 and §7.3.4.3: the literal or hexadecimal string at `start`. */
function pdfString(text: string, start: number): Buffer | undefined {
  if (text[start] === '<') {
    const end = text.indexOf('>', start)
    if (end === -1) return undefined
    const hex = text.slice(start + 1, end).replace(/[^0-9a-fA-F]/g, '')
    return Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex')
  }
  if (text[start] !== '(') return undefined
  const out: number[] = []
  let depth = 1
  for (let at = start + 1; at < text.length; at += 1) {
    const c = text.charCodeAt(at)
    if (c === 0x5c) {
      at += 1
      const next = text[at] ?? ''
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 }
      if (next in simple) out.push(simple[next] ?? 0)
      else if (next >= '0' && next <= '7') {
        const digits = /^[0-7]{1,3}/.exec(text.slice(at, at + 3))?.[0] ?? '0'
        out.push(Number.parseInt(digits, 8) & 0xff)
        at += digits.length - 1
      } else if (next === '\r') {
        if (text[at + 1] === '\n') at += 1
      } else if (next !== '\n') out.push(text.charCodeAt(at))
    } else if (c === 0x28) {
      depth += 1
      out.push(c)
    } else if (c === 0x29) {
      depth -= 1
      if (depth === 0) return Buffer.from(out)
      out.push(c)
    } else {
      out.push(c)
    }
  }
  return undefined
}
