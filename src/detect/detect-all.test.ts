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

  it.each<[string, Category, string]>([
    ['zero-width spaces', 'CREDIT_CARD', '４０１２\u200b8888\u200b8888\u200b1881'],
    ['full-width digits', 'CREDIT_CARD', '５５５５ ５５５５ ５５５５ ４４４４'],
    ['Arabic-Indic digits', 'CREDIT_CARD', '٣٧٨٢ ٨٢٢٤٦٣ ١٠٠٠٥'],
    ['Devanagari digits', 'CREDIT_CARD', '४१११ ११११ ११११ ११११'],
    ['a combining mark on a digit', 'CREDIT_CARD', '6\u0301011 1111 1111 1117'],
    ['no-break spaces', 'CREDIT_CARD', '4111\u00a01111\u00a01111\u00a01111'],
    ['a line break between groups', 'CREDIT_CARD', '4111 1111\n1111 1111'],
    ['mathematical digits', 'IBAN', 'DE𝟖𝟗 𝟑𝟕𝟎𝟒 𝟎𝟎𝟒𝟒 𝟎𝟓𝟑𝟐 𝟎𝟏𝟑𝟎 𝟎𝟎'],
    ['soft hyphens', 'IBAN', 'GB82\u00adWEST\u00ad1234\u00ad5698\u00ad7654\u00ad32'],
    ['a Cyrillic look-alike letter', 'IBAN', 'G\u041282 WEST 1234 5698 7654 32'],
    ['full-width letters and digits', 'IBAN', 'ＧＢ８２ ＷＥＳＴ １２３４ ５６９８ ７６５４ ３２'],
    ['non-breaking hyphens', 'US_SSN', '536\u201190\u20114399'],
  ])(
    'finds a value disguised with %s and points at the disguised text',
    (_label, category, value) => {
      const text = `see: ${value} (end)`

      expect(spansOf(text, category)).toEqual([value])
    },
  )

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
