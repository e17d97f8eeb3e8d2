import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'

describe('German ids', () => {
  it.each<[string, Category, string, string]>([
    ['tax id', 'DE_TAX_ID', 'Steuer-ID 26587314096', '26587314096'],
    ['tax id spaced, no context', 'DE_TAX_ID', '26 587 314 096', '26 587 314 096'],
    ['ID card serial with context', 'DE_ID_CARD', 'Ausweisnummer: L01X00T47', 'L01X00T47'],
    ['ID card serial with its MRZ check digit', 'DE_ID_CARD', 'L01X00T471', 'L01X00T471'],
    ['ID card specimen, MRZ form', 'DE_ID_CARD', 'T220001293', 'T220001293'],
    ['pre-2010 ID card number', 'DE_ID_CARD', '2406055684D', '2406055684D'],
    ['passport serial with context', 'DE_PASSPORT', 'Reisepass C01X00T47', 'C01X00T47'],
    ['passport specimen, MRZ form', 'DE_PASSPORT', 'C01X00T478', 'C01X00T478'],
    ['pension insurance number', 'DE_SOCIAL_SECURITY', 'RVNR 12150380M042', '12150380M042'],
    ['pension insurance number spaced', 'DE_SOCIAL_SECURITY', '12 150380 M 042', '12 150380 M 042'],
    ['health insurance number', 'DE_HEALTH_INSURANCE', 'KVNR T123456780', 'T123456780'],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['tax id check digit off by one', 'DE_TAX_ID', 'Steuer-ID 26587314097'],
    ['tax id one digit long', 'DE_TAX_ID', 'Steuer-ID 265873140961'],
    ['tax id starting with 0', 'DE_TAX_ID', 'Steuer-ID 06587314096'],
    ['ID card serial without context', 'DE_ID_CARD', 'Vorgang L01X00T47'],
    ['ID card MRZ form with a wrong check digit', 'DE_ID_CARD', 'L01X00T472'],
    ['ID card serial of consonants only', 'DE_ID_CARD', 'Ausweis LMNPRTVWX'],
    ['passport letter for an ID card', 'DE_ID_CARD', 'Ausweis C01X00T47'],
    ['passport serial without context', 'DE_PASSPORT', 'Vorgang C01X00T47'],
    ['passport MRZ form with a wrong check digit', 'DE_PASSPORT', 'C01X00T479'],
    ['passport serial with a vowel', 'DE_PASSPORT', 'Reisepass CA1X00T47'],
    ['passport serial starting with A', 'DE_PASSPORT', 'Reisepass A01X00T47'],
    ['pension number with a wrong check digit', 'DE_SOCIAL_SECURITY', 'RVNR 12150380M040'],
    ['pension number with day 32', 'DE_SOCIAL_SECURITY', 'RVNR 12320380M042'],
    ['health insurance check digit off by one', 'DE_HEALTH_INSURANCE', 'KVNR T123456781'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})
