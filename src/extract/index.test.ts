import { describe, expect, it } from 'vitest'

import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'

const CARD = '4111 1111 1111 1111'

describe('extractText on text parts', () => {
  it('passes a plain text body through with its origin', async () => {
    const message = messageOf({ content: Buffer.from(`card ${CARD}`), origin: 'body-text' })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts).toEqual([{ partId: '1', origin: 'body-text', text: `card ${CARD}` }])
    expect(result.findings).toEqual([])
    expect(result.parts[0]).toMatchObject({ status: 'inspected', method: 'text' })
  })

  it.each([
    ['csv', 'name,card\nJ. Doe,4111111111111111\n', 'text/plain'],
    ['json', '{"card":"4111111111111111"}', 'application/json'],
    ['xml', '<?xml version="1.0"?><r><card>4111111111111111</card></r>', 'application/xml'],
    ['source code', 'const card = "4111111111111111"\n', 'text/plain'],
  ])('reads a %s attachment as text', async (_label, body, detected) => {
    const message = messageOf({ content: Buffer.from(body), filename: 'x.bin' })

    const result = await extractText(message, defaultExtractLimits)

    expect(allText(result)).toContain('4111111111111111')
    expect(result.parts[0]).toMatchObject({ detectedType: detected, status: 'inspected' })
  })

  it('decodes UTF-16LE text with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CARD, 'utf16le')])

    const result = await extractText(messageOf({ content: bytes }), defaultExtractLimits)

    expect(allText(result)).toBe(CARD)
  })

  it('decodes a UTF-7 part whose charset the parse stage refused', async () => {
    const utf7 = Buffer.from('IBAN +AEcAQgA4-2', 'ascii')
    const message = messageOf({
      content: utf7,
      origin: 'body-text',
      charsetProblem: 'utf-7 refused',
    })

    const result = await extractText(message, defaultExtractLimits)

    // Both readings: as received (other text parts joined to it are decoded already) and decoded.
    expect(result.texts.map((t) => t.text)).toEqual(['IBAN +AEcAQgA4-2', 'IBAN GB82'])
  })

  it('unfolds a folded calendar line so a split value is seen whole', async () => {
    const ics =
      'BEGIN:VCALENDAR\r\nDESCRIPTION:card 4111 1111\r\n  1111 1111\\, thanks\r\nEND:VCALENDAR\r\n'

    const result = await extractText(messageOf({ content: Buffer.from(ics) }), defaultExtractLimits)

    expect(allText(result)).toContain(`card ${CARD}, thanks`)
    expect(result.parts[0]?.method).toBe('calendar')
  })
})

describe('extractText on HTML', () => {
  it('passes the raw HTML, hidden parts included, and a decoded version', async () => {
    const html =
      '<html><body><!-- 5555555555554444 --><div style="display:none">x</div>' +
      '<p>&#52;111 1111<span> 1111</span> 1111</p><img alt="DE89370400440532013000"></body></html>'
    const message = messageOf({ content: Buffer.from(html), origin: 'body-html' })

    const result = await extractText(message, defaultExtractLimits)

    const texts = result.texts.map((t) => t.text)
    expect(texts[0]).toBe(html)
    expect(texts[1]).toContain(CARD)
    expect(texts[1]).toContain('5555555555554444')
    expect(result.texts.every((t) => t.origin === 'body-html')).toBe(true)
  })
})

describe('extractText on unreadable parts', () => {
  it('reports an image as UNSCANNABLE naming the format from the bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
    const message = messageOf({ content: png, declaredType: 'image/png', filename: 'a.png' })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.findings).toMatchObject([
      {
        category: 'UNSCANNABLE',
        partId: '1',
        start: 0,
        end: 0,
        confidence: 1,
        masked: '',
        recognizer: 'extract',
        reason: 'unsupported format: image/png',
      },
    ])
    expect(result.parts[0]).toMatchObject({ status: 'unscannable', detectedType: 'image/png' })
    expect(result.parts[0]?.typeMismatch).toBeUndefined()
  })

  it('reports unknown binary bytes as UNSCANNABLE', async () => {
    const blob = Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xfe, 0x00])

    const result = await extractText(messageOf({ content: blob }), defaultExtractLimits)

    expect(result.findings.map((f) => f.reason)).toEqual(['unsupported format: unknown'])
  })

  it('reports a PGP-encrypted text as ENCRYPTED_CONTENT', async () => {
    const pgp = Buffer.from('-----BEGIN PGP MESSAGE-----\n\nhQEMA...\n-----END PGP MESSAGE-----\n')

    const result = await extractText(messageOf({ content: pgp }), defaultExtractLimits)

    expect(result.findings.map((f) => f.category)).toEqual(['ENCRYPTED_CONTENT'])
    expect(result.parts[0]?.status).toBe('encrypted')
  })

  it('gives equal fingerprints to equal outcomes and different ones otherwise', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const message = messageOf({ content: png }, { content: png }, { content: png, id: '1' })

    const { findings } = await extractText(message, defaultExtractLimits)

    expect(findings[0]?.fingerprint).not.toBe(findings[1]?.fingerprint)
    expect(findings[0]?.fingerprint).toBe(findings[2]?.fingerprint)
  })
})

describe('extractText limits', () => {
  it('cuts text at maxTextBytes and says so once', async () => {
    const limits = { ...defaultExtractLimits, maxTextBytes: 10 }
    const message = messageOf(
      { content: Buffer.from('0123456789abcdef') },
      { content: Buffer.from('zz') },
    )

    const result = await extractText(message, limits)

    expect(allText(result)).toBe('0123456789')
    expect(result.findings.map((f) => f.reason)).toEqual(['limit: maxTextBytes 10 exceeded'])
  })

  it('does not open parts nested deeper than maxDepth', async () => {
    const limits = { ...defaultExtractLimits, maxDepth: 2 }
    const message = messageOf({ content: Buffer.from(CARD), depth: 3 })

    const result = await extractText(message, limits)

    expect(result.texts).toEqual([])
    expect(result.findings.map((f) => f.reason)).toEqual(['limit: maxDepth 2 exceeded'])
  })
})

describe('extractText type checks', () => {
  it('flags a ZIP that claims to be a PNG image', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])
    const message = messageOf({ content: zip, declaredType: 'image/png', filename: 'cat.png' })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.parts[0]?.typeMismatch).toBe(
      'declared image/png, extension .png, detected application/zip',
    )
  })

  it('accepts a CSV sent as application/vnd.ms-excel', async () => {
    const message = messageOf({
      content: Buffer.from('a,b\n1,2\n'),
      declaredType: 'application/vnd.ms-excel',
      filename: 'report.csv',
    })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.parts[0]?.typeMismatch).toBeUndefined()
  })
})
