import { describe, expect, it } from 'vitest'

import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { uudecode } from './text-blobs.js'

describe('uudecode', () => {
  it('decodes a block written by the uuencode tool', () => {
    // `printf 'Cat' | uuencode x` writes this line.
    expect(uudecode('#0V%T\n`\n').toString()).toBe('Cat')
  })
})

describe('encoded blocks inside text', () => {
  it('reads base64 of text as a nested blob', async () => {
    const encoded = Buffer.from('card 4111 1111 1111 1111, thanks a lot').toString('base64')
    const message = messageOf({ content: Buffer.from(`data: ${encoded}\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts.map((t) => t.partId)).toEqual(['1', '1/base64@6'])
    expect(result.texts[1]?.text).toBe('card 4111 1111 1111 1111, thanks a lot')
  })

  it('ignores base64-looking runs that decode to random bytes', async () => {
    const random = Buffer.from([...Array(48).keys()].map((i) => (i * 37 + 11) % 256))
    const message = messageOf({ content: Buffer.from(`id ${random.toString('base64')}\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts).toHaveLength(1)
    expect(result.findings).toEqual([])
  })

  it('reads wrapped base64 and hex of text, each run as one blob', async () => {
    const csv = 'name,card\nJ. Doe,5555 5555 5555 4444\nA. Roe,4111 1111 1111 1111\n'
    const wrapped = Buffer.from(csv)
      .toString('base64')
      .replace(/(.{20})/g, '$1\r\n')
    const hex = Buffer.from('IBAN GB82 WEST 1234 5698 7654 32').toString('hex')
    const message = messageOf({ content: Buffer.from(`csv:\r\n${wrapped}\r\nhex ${hex} end\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts.map((t) => t.text)).toContain(csv)
    expect(result.texts.map((t) => t.text)).toContain('IBAN GB82 WEST 1234 5698 7654 32')
  })

  it('skips hex digits inside a longer word and odd-length hex runs', async () => {
    const hex = Buffer.from('card 4111 1111 1111 1111').toString('hex')
    const message = messageOf({ content: Buffer.from(`x${hex}g ${hex}a\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts).toHaveLength(1)
  })

  it('ignores hex runs that are not text, such as hashes', async () => {
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    const message = messageOf({ content: Buffer.from(`sha256 ${sha}\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts).toHaveLength(1)
  })
})

describe('very long encoded lines', () => {
  // Regression: a text part holding one line of about 4 MB of base64 was held as
  // "text: unreadable (RangeError)": the run pattern ran out of regexp backtracking stack.
  it.each([
    ['a single line', (b64: string) => b64],
    ['wrapped at 76 columns', (b64: string) => b64.replace(/(.{76})/g, '$1\r\n')],
  ])('reads 4 MB of inline base64 as %s instead of failing with a RangeError', async (_, wrap) => {
    const filler = 'quarterly figures attached as agreed, nothing unusual to report. '
    const inner = `${filler.repeat(50_000)}card 5555 5555 5555 4444\n`
    const block = wrap(Buffer.from(inner).toString('base64'))
    const body = `card 4111 1111 1111 1111\r\n${block}\r\n`
    expect(block.length).toBeGreaterThan(4 * 1024 * 1024)

    const result = await extractText(
      messageOf({ content: Buffer.from(body) }),
      defaultExtractLimits,
    )

    expect(result.findings).toEqual([])
    const decoded = result.texts.find((t) => t.partId === '1/base64@26')
    expect(decoded?.text).toBe(inner)
  })
})

describe('encoded blocks and the inflated-bytes budget', () => {
  it('reports a decoded block past maxInflatedBytes and reads the text around it', async () => {
    const block = Buffer.from('card 4111 1111 1111 1111 in a decoded csv file\n'.repeat(4))
    const text = `before\n${block.toString('base64')}\nafter 5555 5555 5555 4444`
    const limits = { ...defaultExtractLimits, maxInflatedBytes: 64 }

    const result = await extractText(messageOf({ content: Buffer.from(text) }), limits)

    expect(result.findings.map((f) => f.reason)).toEqual(['limit: maxInflatedBytes 64 exceeded'])
    expect(allText(result)).toContain('after 5555 5555 5555 4444')
  })
})

describe('key files pasted as hex', () => {
  it('reads a DER private key written as one hex run as a key file', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const hex = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex')
    const message = messageOf({ content: Buffer.from(`here is the key:\n${hex}\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.findings.map((f) => [f.category, f.masked])).toEqual([
      ['PRIVATE_KEY', 'private key (PKCS#8)'],
    ])
  })
})
