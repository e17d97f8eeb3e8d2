// PDFs encrypted with the standard security handler and an empty user password, for the extract
// tests: RC4 with 128-bit keys (revision 3), AES-128 (revision 4) and AES-256 (revision 6). It
// shares the decryptor's primitives (RC4, MD5, Algorithm 2.B) but not its key derivation, and
// the tests check that the engines read these files, so the construction is theirs, not only
// ours.
import { createCipheriv, randomBytes } from 'node:crypto'

import { hardenedHash, md5, PADDING, rc4 } from './pdf-decrypt.js'

export type PdfEncryption = 'rc4-128' | 'aes-128' | 'aes-256'

const PERMISSIONS = -4
const ID = Buffer.from('0123456789abcdef0123456789abcdef', 'hex')

/**
 * A one-page PDF whose content stream, Flate-compressed and then encrypted, is `content`
 * (already compressed: the caller deflates it), encrypted as `method` says.
 */
export function encryptedPdf(content: Buffer, method: PdfEncryption): Buffer {
  const { key, encrypt } = method === 'aes-256' ? aes256Setup() : legacySetup(method)
  const encrypted = encryptStream(method, key, 4, 0, content)
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')]
  const object = (n: number, text: string) =>
    parts.push(Buffer.from(`${n} 0 obj\n${text}\nendobj\n`, 'latin1'))
  object(1, '<</Type/Catalog/Pages 2 0 R>>')
  object(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>')
  object(
    3,
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R' +
      '/Resources<</Font<</F1 5 0 R>>>>>>',
  )
  parts.push(
    Buffer.from(`4 0 obj\n<</Filter/FlateDecode/Length ${encrypted.length}>>\nstream\n`),
    encrypted,
    Buffer.from('\nendstream\nendobj\n'),
  )
  object(5, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>')
  object(6, encrypt)
  parts.push(
    Buffer.from(
      `trailer\n<</Root 1 0 R/Encrypt 6 0 R/ID[<${ID.toString('hex')}><${ID.toString('hex')}>]>>\n%%EOF\n`,
    ),
  )
  return Buffer.concat(parts)
}

function legacySetup(method: 'rc4-128' | 'aes-128'): { key: Buffer; encrypt: string } {
  const r = method === 'rc4-128' ? 3 : 4
  const length = 16
  // Algorithm 3: /O from the owner password ("owner") and the empty user password.
  let ownerKey = md5(Buffer.concat([Buffer.from('owner'), PADDING]).subarray(0, 32))
  for (let i = 0; i < 50; i += 1) ownerKey = md5(ownerKey.subarray(0, length))
  let o = rc4(ownerKey.subarray(0, length), PADDING)
  for (let i = 1; i <= 19; i += 1) o = rc4(xor(ownerKey.subarray(0, length), i), o)
  // Algorithm 2: the file key.
  const p = Buffer.alloc(4)
  p.writeInt32LE(PERMISSIONS)
  let key = md5(Buffer.concat([PADDING, o, p, ID]))
  for (let i = 0; i < 50; i += 1) key = md5(key.subarray(0, length))
  key = key.subarray(0, length)
  // Algorithm 5: /U.
  let u = rc4(key, md5(Buffer.concat([PADDING, ID])))
  for (let i = 1; i <= 19; i += 1) u = rc4(xor(key, i), u)
  u = Buffer.concat([u, Buffer.alloc(16)])
  const hex = (b: Buffer) => `<${b.toString('hex')}>`
  const common = `/Filter/Standard/R ${r}/Length 128/O${hex(o)}/U${hex(u)}/P ${PERMISSIONS}`
  const encrypt =
    method === 'rc4-128'
      ? `<<${common}/V 2>>`
      : `<<${common}/V 4/CF<</StdCF<</CFM/AESV2/AuthEvent/DocOpen/Length 16>>>>/StmF/StdCF/StrF/StdCF>>`
  return { key, encrypt }
}

function aes256Setup(): { key: Buffer; encrypt: string } {
  const key = randomBytes(32)
  const [validation, keySalt] = [randomBytes(8), randomBytes(8)]
  const none = Buffer.alloc(0)
  const u = Buffer.concat([hardenedHash(none, validation, none), validation, keySalt])
  const ue = aesNoPad('aes-256-cbc', hardenedHash(none, keySalt, none), Buffer.alloc(16), key)
  // The owner entries hash the owner password with /U; any owner password will do here.
  const owner = Buffer.from('owner')
  const [oValidation, oKeySalt] = [randomBytes(8), randomBytes(8)]
  const o = Buffer.concat([hardenedHash(owner, oValidation, u), oValidation, oKeySalt])
  const oe = aesNoPad('aes-256-cbc', hardenedHash(owner, oKeySalt, u), Buffer.alloc(16), key)
  const permissions = Buffer.alloc(16)
  permissions.writeInt32LE(PERMISSIONS, 0)
  permissions.writeInt32LE(-1, 4)
  permissions.write('Tadb', 8, 'latin1')
  const perms = aesNoPad('aes-256-ecb', key, null, permissions)
  const hex = (b: Buffer) => `<${b.toString('hex')}>`
  const encrypt =
    `<</Filter/Standard/V 5/R 6/Length 256/P ${PERMISSIONS}/O${hex(o)}/U${hex(u)}` +
    `/OE${hex(oe)}/UE${hex(ue)}/Perms${hex(perms)}` +
    '/CF<</StdCF<</CFM/AESV3/AuthEvent/DocOpen/Length 32>>>>/StmF/StdCF/StrF/StdCF>>'
  return { key, encrypt }
}

function encryptStream(
  method: PdfEncryption,
  key: Buffer,
  number: number,
  generation: number,
  data: Buffer,
): Buffer {
  if (method === 'aes-256') return aesWithIv('aes-256-cbc', key, data)
  const salt = Buffer.from([number, number >> 8, number >> 16, generation, generation >> 8])
  const extra = method === 'aes-128' ? Buffer.from('sAlT') : Buffer.alloc(0)
  const objectKey = md5(Buffer.concat([key, salt, extra])).subarray(0, Math.min(16, key.length + 5))
  return method === 'aes-128' ? aesWithIv('aes-128-cbc', objectKey, data) : rc4(objectKey, data)
}

function aesWithIv(algorithm: string, key: Buffer, data: Buffer): Buffer {
  const iv = randomBytes(16)
  const cipher = createCipheriv(algorithm, key, iv)
  return Buffer.concat([iv, cipher.update(data), cipher.final()])
}

function aesNoPad(algorithm: string, key: Buffer, iv: Buffer | null, data: Buffer): Buffer {
  const cipher = createCipheriv(algorithm, key, iv)
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(data), cipher.final()])
}

function xor(key: Buffer, value: number): Buffer {
  return Buffer.from(key.map((byte) => byte ^ value))
}
