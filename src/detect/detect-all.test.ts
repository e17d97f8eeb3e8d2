import { describe, expect, it } from 'vitest'

import { countDistinct, detectAll, listCategories, type Category, type Finding } from './index.js'

function scan(text: string, origin: 'body-text' | 'body-html' | 'header' = 'body-text'): Finding[] {
  return detectAll([{ partId: '1', origin, text }])
}

function spansOf(text: string, category: Category): string[] {
  return scan(text)
    .filter((f) => f.category === category)
    .map((f) => text.slice(f.start, f.end))
}

describe('detectAll', () => {
  it('reports offsets into the original text, a masked sample and no raw value', () => {
    const text = 'Card: 4111 1111 1111 1111, thanks'

    const [finding] = scan(text)

    expect(finding?.category).toBe('CREDIT_CARD')
    expect(text.slice(finding?.start, finding?.end)).toBe('4111 1111 1111 1111')
    expect(finding?.masked).toBe('4111 **** **** 1111')
    expect(JSON.stringify(finding)).not.toContain('4111111111111111')
    expect(JSON.stringify(finding)).not.toContain('4111 1111 1111 1111')
  })

  it('gives equal values equal fingerprints and counts them once', () => {
    const text = 'pay 4111 1111 1111 1111 or 4111-1111-1111-1111 or 5555 5555 5555 4444'

    const findings = scan(text)

    expect(findings).toHaveLength(3)
    expect(countDistinct(findings).get('CREDIT_CARD')).toBe(2)
  })

  it('finds values disguised with Unicode and maps them to the disguised text', () => {
    const text = 'card ４０１２\u200b8888\u200b8888\u200b1881 end'

    expect(spansOf(text, 'CREDIT_CARD')).toEqual(['４０１２\u200b8888\u200b8888\u200b1881'])
  })

  it('limits the scan to the requested categories', () => {
    const text = '4111 1111 1111 1111 GB82 WEST 1234 5698 7654 32'

    const findings = detectAll([{ partId: '1', origin: 'body-text', text }], {
      categories: ['IBAN'],
    })

    expect(findings.map((f) => f.category)).toEqual(['IBAN'])
  })

  it('drops findings below the confidence floor', () => {
    const text = 'order 536904398 shipped'

    expect(spansOf(text, 'US_SSN')).toEqual([])
    expect(
      detectAll([{ partId: '1', origin: 'body-text', text }], { minConfidence: 0 }).some(
        (f) => f.category === 'US_SSN',
      ),
    ).toBe(true)
  })

  it('does not report the message’s own header addresses', () => {
    const text = 'From: Alice <alice@example.com>\r\nSubject: write to carol@example.net'

    const emails = scan(text, 'header').filter((f) => f.category === 'EMAIL_ADDRESS')

    expect(emails.map((f) => text.slice(f.start, f.end))).toEqual(['carol@example.net'])
  })

  it('lists only categories it can report', () => {
    const categories = listCategories()

    expect(categories).toContain('CREDIT_CARD')
    expect(new Set(categories).size).toBe(categories.length)
  })
})
