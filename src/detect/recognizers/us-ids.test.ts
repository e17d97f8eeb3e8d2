import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'

// US_SSN has its table in national-ids-p0.test.ts.
describe('US ids', () => {
  it.each<[string, Category, string, string]>([
    ['ITIN dashed', 'US_ITIN', 'ITIN 912-70-1234 on file', '912-70-1234'],
    ['ITIN bare', 'US_ITIN', '912941235', '912941235'],
    ['EIN dashed', 'US_EIN', 'invoice from 12-3456780', '12-3456780'],
    ['EIN bare with context', 'US_EIN', 'our EIN: 123456780', '123456780'],
    ['passport book with context', 'US_PASSPORT', 'passport number 912803456', '912803456'],
    ['passport card with context', 'US_PASSPORT', 'Passport: A12803456', 'A12803456'],
    ['licence with context', 'US_DRIVER_LICENSE', "driver's license: D1234567", 'D1234567'],
    ['licence, Florida dashes', 'US_DRIVER_LICENSE', 'DL S123-456-78-901-0', 'S123-456-78-901-0'],
    ['MBI dashed', 'US_MBI', 'Medicare 1EG4-TE5-MK73', '1EG4-TE5-MK73'],
    ['MBI bare', 'US_MBI', '1EG4TE5MK73', '1EG4TE5MK73'],
    ['NPI with context', 'US_NPI', 'NPI 1234567893', '1234567893'],
    ['NPI dashed', 'US_NPI', 'provider 1234-567-893', '1234-567-893'],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['ITIN group 93 (never issued)', 'US_ITIN', '912-93-1234'],
    ['ITIN group 66', 'US_ITIN', '912-66-1234'],
    ['ITIN area not 9xx', 'US_ITIN', '812-70-1234'],
    ['EIN unassigned prefix 07', 'US_EIN', '07-3456780'],
    ['EIN bare without context', 'US_EIN', 'order 123456780'],
    ['passport number without context', 'US_PASSPORT', 'ticket 912803456'],
    ['passport number one digit short', 'US_PASSPORT', 'passport 91280345'],
    ['licence shape without context', 'US_DRIVER_LICENSE', 'ref D1234567'],
    ['MBI with S (excluded letter)', 'US_MBI', '1SG4-TE5-MK73'],
    ['MBI starting with 0', 'US_MBI', '0EG4-TE5-MK73'],
    ['NPI failing Luhn by one', 'US_NPI', 'NPI 1234567894'],
    ['NPI starting with 3', 'US_NPI', 'NPI 3234567893'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})
