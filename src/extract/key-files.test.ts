// Binary key files (test/fixtures/extract/keys/, throwaway keys made for these tests; see the
// README there) and DER keys generated here.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { fixtureBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { messageOf } from './message-for-test.js'
import { sniffType } from './sniff-type.js'

async function findingsOf(content: Buffer, filename = 'attachment.bin') {
  const extraction = await extractText(messageOf({ content, filename }), defaultExtractLimits)
  return extraction.findings.map((f) => [f.category, f.masked || f.reason, f.confidence] as const)
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const der = (key: typeof rsa.privateKey, type: 'pkcs8' | 'pkcs1' | 'sec1', cipher?: string) =>
  key.export({ format: 'der', type, ...(cipher === undefined ? {} : { cipher, passphrase: 'p' }) })

describe('binary key files', () => {
  it.each([
    ['a PKCS#8 key', der(rsa.privateKey, 'pkcs8'), 'private key (PKCS#8)'],
    [
      'an encrypted PKCS#8 key',
      der(rsa.privateKey, 'pkcs8', 'aes-256-cbc'),
      'encrypted private key (PKCS#8)',
    ],
    ['a PKCS#1 RSA key', der(rsa.privateKey, 'pkcs1'), 'RSA private key (PKCS#1)'],
    ['a SEC1 EC key', der(ec.privateKey, 'sec1'), 'EC private key (SEC1)'],
  ])('reports %s in DER as PRIVATE_KEY', async (_label, bytes, masked) => {
    expect(await findingsOf(bytes, 'id.key')).toEqual([['PRIVATE_KEY', masked, 0.95]])
  })

  it.each([
    ['openssl-key.p12', 'PKCS#12 key store'],
    ['openssl-key-plain.p12', 'PKCS#12 key store'],
    ['keytool-key.p12', 'PKCS#12 key store'],
    ['keytool-key.jks', 'Java key store (JKS)'],
    ['keytool-secret.jceks', 'Java key store (JCEKS)'],
  ])('reports the key in %s without its password', async (name, masked) => {
    expect(await findingsOf(await fixtureBytes(`keys/${name}`), name)).toEqual([
      ['PRIVATE_KEY', masked, 0.95],
    ])
  })

  it('reports an OpenPGP secret key exported without armour, and not the public key', async () => {
    expect(await findingsOf(await fixtureBytes('keys/gpg-secret.gpg'))).toEqual([
      ['PRIVATE_KEY', 'OpenPGP secret key', 0.9],
    ])
    const pub = await findingsOf(await fixtureBytes('keys/gpg-public.gpg'))
    expect(pub.map(([category]) => category)).not.toContain('PRIVATE_KEY')
  })

  it('reports a PKCS#12 store whose contents are all encrypted as encrypted content', async () => {
    expect(await findingsOf(await fixtureBytes('keys/openssl-certs-encrypted.p12'))).toEqual([
      ['ENCRYPTED_CONTENT', 'pkcs12: key store with encrypted contents', 1],
    ])
  })

  it('reports nothing for stores of certificates only, certificates and public keys', async () => {
    expect(await findingsOf(await fixtureBytes('keys/openssl-certs-plain.p12'))).toEqual([])
    expect(await findingsOf(await fixtureBytes('keys/keytool-trust.jks'))).toEqual([])
    const spki = rsa.publicKey.export({ format: 'der', type: 'spki' })
    expect(sniffType(spki).kind).not.toBe('key-file')
  })

  it('takes no random or damaged bytes for a key file', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(64 + i * 13)
      for (const first of [0x30, 0x94, 0x95, 0xc5, 0xfe]) {
        bytes[0] = first
        expect(sniffType(bytes).kind).not.toBe('key-file')
      }
    }
  })

  it('reads a JKS store cut short as unreadable, not as a trust store', async () => {
    const whole = await fixtureBytes('keys/keytool-trust.jks')
    const cut = whole.subarray(0, 40)
    expect(await findingsOf(cut)).toEqual([['UNSCANNABLE', 'jks: unreadable key store', 1]])
  })
})

describe('binary key files, as a second attack run found them', () => {
  it.each([
    ['a trust store', 'keys/keytool-trust-then-csv.jks'],
    ['an empty JKS store', 'keys/empty-jks-then-csv.jks'],
    ['a PKCS#12 store of certificates', 'keys/openssl-certs-plain-then-csv.p12'],
  ])('reads the data appended to %s', async (_label, name) => {
    const extraction = await extractText(
      messageOf({ content: await fixtureBytes(name), filename: 'customers.csv' }),
      defaultExtractLimits,
    )
    const text = extraction.texts.map((t) => t.text).join('\n')
    expect(text).toContain('5555 5555 5555 4444')
    expect(extraction.texts.some((t) => t.partId.endsWith('/appended'))).toBe(true)
  })

  it('reads a card hidden where an empty JKS store keeps its digest', async () => {
    const store = Buffer.concat([
      Buffer.from('feedfeed0000000200000000', 'hex'),
      Buffer.from('4111111111111111    '),
    ])
    const extraction = await extractText(messageOf({ content: store }), defaultExtractLimits)
    expect(extraction.texts.map((t) => t.text).join('\n')).toContain('4111111111111111')
  })

  it.each([
    ['keys/gpg-secret-ftyp-time.gpg', 'OpenPGP secret key', 0.9],
    ['keys/gpg-public-then-secret.gpg', 'OpenPGP secret key', 0.9],
    ['keys/keytool-secret.p12', 'PKCS#12 key store', 0.95],
    ['keys/openssl-key-nested.p12', 'PKCS#12 key store', 0.95],
  ])('reports the key in %s', async (name, masked, confidence) => {
    expect(await findingsOf(await fixtureBytes(name))).toEqual([
      ['PRIVATE_KEY', masked, confidence],
    ])
  })

  it('reports no key for a GnuPG stub that holds no secret', async () => {
    expect(await findingsOf(await fixtureBytes('keys/gpg-stub-only.gpg'))).toEqual([])
  })

  it('takes short DER-looking runs, signatures and public keys for no key file', () => {
    const short = Buffer.concat([Buffer.from('30160201', 'hex'), randomBytes(20)])
    short[4] = 0
    expect(sniffType(short).kind).not.toBe('key-file')
    const signature = Buffer.from('3045022100' + 'ab'.repeat(32) + '0220' + 'cd'.repeat(32), 'hex')
    expect(sniffType(signature).kind).not.toBe('key-file')
    expect(sniffType(rsa.publicKey.export({ format: 'der', type: 'spki' })).kind).not.toBe(
      'key-file',
    )
    expect(sniffType(rsa.publicKey.export({ format: 'der', type: 'pkcs1' })).kind).not.toBe(
      'key-file',
    )
  })
})

describe('key files under another name', () => {
  it('says a key store named customers.csv is not what it claims', async () => {
    const extraction = await extractText(
      messageOf({
        content: await fixtureBytes('keys/keytool-key.jks'),
        filename: 'customers.csv',
        declaredType: 'text/csv',
      }),
      defaultExtractLimits,
    )
    expect(extraction.parts[0]?.typeMismatch).toBe(
      'declared text/csv, extension .csv, detected application/x-java-keystore',
    )
  })

  it('takes a .p12 or a PEM .key for what it is', async () => {
    const p12 = await extractText(
      messageOf({ content: await fixtureBytes('keys/openssl-key.p12'), filename: 'me.p12' }),
      defaultExtractLimits,
    )
    expect(p12.parts[0]?.typeMismatch).toBeUndefined()
    const pem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' })
    const key = await extractText(
      messageOf({ content: Buffer.from(pem), filename: 'server.key' }),
      defaultExtractLimits,
    )
    expect(key.parts[0]?.typeMismatch).toBeUndefined()
  })
})

describe('names inside key stores', () => {
  it.each([
    ['a JKS alias', 'keys/keytool-trust-alias.jks'],
    ['a PKCS#12 friendlyName', 'keys/openssl-key-named.p12'],
  ])('reads %s as text', async (_label, name) => {
    const extraction = await extractText(
      messageOf({ content: await fixtureBytes(name) }),
      defaultExtractLimits,
    )
    expect(extraction.texts.map((t) => t.text)).toContain('card 4111 1111 1111 1111')
  })
})

describe('key files, as a review found them', () => {
  const CSV = 'name,card\nJane Doe,4111 1111 1111 1111\nJohn Roe,5555 5555 5555 4444\n'
  const textOf = async (content: Buffer) => {
    const extraction = await extractText(messageOf({ content }), defaultExtractLimits)
    return extraction.texts.map((t) => t.text).join('\n')
  }

  it('reads what a JKS "certificate" slot holds when it is text', async () => {
    const alias = Buffer.from('x')
    const type = Buffer.from('X.509')
    const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff])
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])
    const store = Buffer.concat([
      Buffer.from('feedfeed0000000200000001', 'hex'),
      u32(2),
      u16(alias.length),
      alias,
      Buffer.alloc(8),
      u16(type.length),
      type,
      u32(CSV.length),
      Buffer.from(CSV),
      randomBytes(20),
    ])
    expect(sniffType(store).kind).toBe('key-file')
    expect(await textOf(store)).toContain('5555 5555 5555 4444')
  })

  it('reads a user id packet after a GnuPG stub, and a card where a JKS digest would be', async () => {
    const stub = await fixtureBytes('keys/gpg-stub-only.gpg')
    const userId = Buffer.concat([Buffer.from([0xb4, CSV.length]), Buffer.from(CSV)])
    expect(await textOf(Buffer.concat([stub, userId]))).toContain('4111 1111 1111 1111')

    const trust = await fixtureBytes('keys/keytool-trust.jks')
    const digest = Buffer.concat([Buffer.from([0]), Buffer.from('4111111111111111xyz')])
    const forged = Buffer.concat([trust.subarray(0, trust.length - 20), digest])
    expect(await textOf(forged)).toContain('4111111111111111')
  })

  it('never throws on a short v5 or v6 OpenPGP key packet', () => {
    const packet = Buffer.from('c50805000000000100000000000000000000', 'hex')
    expect(() => sniffType(packet)).not.toThrow()
    expect(sniffType(packet).kind).not.toBe('key-file')
  })

  it('takes no JPEG or PNG for an OpenPGP key', async () => {
    expect(sniffType(await fixtureBytes('letters-inline.jpg')).kind).toBe('image')
    expect(sniffType(await fixtureBytes('nodemailer-image.png')).kind).toBe('image')
  })
})
