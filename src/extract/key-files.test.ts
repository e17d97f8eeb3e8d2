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
