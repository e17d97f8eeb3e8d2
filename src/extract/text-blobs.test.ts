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

  it('ignores hex runs that are not text, such as hashes', async () => {
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    const message = messageOf({ content: Buffer.from(`sha256 ${sha}\n`) })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.texts).toHaveLength(1)
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
