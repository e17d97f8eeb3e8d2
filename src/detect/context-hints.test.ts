import { describe, expect, it } from 'vitest'

import { contextPhrases, contextWords } from './context-words.js'
import { detectAll } from './detect-all.js'

const categories = (text: string, minConfidence?: number): string[] =>
  detectAll([{ partId: '1', origin: 'body-text', text }], { minConfidence }).map((f) => f.category)

describe('context hints', () => {
  it('reads back the phrases of a context pattern', () => {
    const words = contextWords(["driver's license", 'd.o.b', 'date de naissance', 'né'])
    expect(contextPhrases(words)).toEqual(["driver's license", 'd.o.b', 'date de naissance', 'né'])
  })

  it('skips only what the floor drops', () => {
    const text = 'Meeting on 12.03.1980 in the main room.'
    expect(categories(text)).not.toContain('DATE_OF_BIRTH')
    expect(categories(text, 0.1)).toContain('DATE_OF_BIRTH')
  })

  it('still finds a context word written with a long s or a capital', () => {
    expect(categories('DATE DE NAIſſANCE : 12.03.1980')).toContain('DATE_OF_BIRTH')
    expect(categories('Geboren am 12.03.1980')).toContain('DATE_OF_BIRTH')
    expect(categories('Paſſport number: 123456789')).toContain('US_PASSPORT')
    expect(categories('REISEPAſS Nr. X1234567')).toContain('PASSPORT_OTHER')
    expect(categories('Paspoort X1234567')).toContain('PASSPORT_OTHER')
  })
})

describe('phone numbers in links', () => {
  const phones = (text: string, minConfidence?: number): number =>
    categories(text, minConfidence).filter((c) => c === 'PHONE_NUMBER').length

  it('parses a number without "+" in a link only where the floor may keep it', () => {
    const link = 'see https://example.com/r/020-7946-0958/x for it'
    expect(phones(link)).toBe(0)
    expect(phones(link, 0.3)).toBe(1)
    expect(phones('call https://example.com/r/020-7946-0958/x')).toBe(1)
    expect(phones('see https://example.com/r/+44-20-7946-0958/x')).toBe(1)
  })
})
