import { describe, expect, it } from 'vitest'

import { corpusMessage, fixtureBytes } from './case-message.js'
import { signedContentOf } from './cms-signed.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'

describe('S/MIME opaque-signed messages', () => {
  it('reads the signed MIME entity inside signed-data (notmuch corpus)', async () => {
    const message = await corpusMessage('notmuch__pkcs7_smime-onepart-signed.eml')

    const result = await extractText(message, defaultExtractLimits)

    expect(allText(result)).toContain('Bob, we need to cancel this contract.')
    expect(allText(result)).toContain('Subject: The FooCorp contract')
    expect(result.findings).toEqual([])
    const signed = result.parts.find((p) => p.detectedType === 'application/pkcs7-mime')
    expect(signed).toMatchObject({ method: 'smime-signed', status: 'inspected' })
  })

  it('reports signed-data whose content is cut short as UNSCANNABLE', async () => {
    const message = await corpusMessage('notmuch__pkcs7_smime-onepart-signed.eml')
    const part = message.parts.find((p) => p.declaredType.includes('pkcs7-mime'))
    const cut = part?.content.subarray(0, 200) ?? Buffer.alloc(0)

    const result = await extractText(messageOf({ content: cut }), defaultExtractLimits)

    expect(result.findings.map((f) => [f.category, f.reason])).toEqual([
      ['UNSCANNABLE', 'smime: corrupt signed-data'],
    ])
  })

  it('reads certs-only signed-data (no content) as a signature, without a finding', () => {
    const oid = (last: number) => [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, last]
    const encap = [0x30, 0x0b, ...oid(1)]
    const signedData = [0x30, 0x14, 0x02, 0x01, 0x01, 0x31, 0x00, ...encap, 0xa0, 0x00]
    const blob = Buffer.from([0x30, 0x23, ...oid(2), 0xa0, 0x16, ...signedData])

    expect(signedContentOf(blob)).toEqual({ kind: 'none' })
  })

  it('joins the pieces of a constructed, indefinite-length OCTET STRING', () => {
    // ContentInfo { signedData, [0] { SignedData { version, digestAlgorithms,
    //   EncapsulatedContentInfo { id-data, [0] { OCTET STRING (constructed) { "ab", "cd" } } } } } }
    const oid = (last: number) => [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, last]
    const octets = [0x24, 0x80, 0x04, 0x02, 0x61, 0x62, 0x04, 0x02, 0x63, 0x64, 0x00, 0x00]
    const encap = [0x30, 0x80, ...oid(1), 0xa0, 0x80, ...octets, 0x00, 0x00, 0x00, 0x00]
    const signedData = [0x30, 0x80, 0x02, 0x01, 0x01, 0x31, 0x00, ...encap, 0x00, 0x00]
    const blob = Buffer.from([0x30, 0x80, ...oid(2), 0xa0, 0x80, ...signedData, 0, 0, 0, 0])

    expect(signedContentOf(blob)).toEqual({ kind: 'content', bytes: Buffer.from('abcd') })
  })
})

describe('messages inside other files', () => {
  it('reads an .eml saved in a ZIP: headers, body and its own attachments', async () => {
    const content = await fixtureBytes('eml-in-zip.zip')

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    const eml = result.texts.filter((t) => t.partId === '1/saved/forwarded.eml')
    expect(eml.map((t) => t.text).join('\n')).toContain('GB82 WEST 1234 5698 7654 32')
    const csv = result.texts.find((t) => t.partId === '1/saved/forwarded.eml/cards.csv')
    expect(csv?.text).toContain('3782 822463 10005')
    expect(result.parts.map((p) => [p.partId, p.method])).toEqual([
      ['1', 'zip'],
      ['1/saved/forwarded.eml', 'mime'],
      ['1/saved/forwarded.eml/cards.csv', 'text'],
    ])
  })
})
