import { describe, expect, it } from 'vitest'

import { spansFor } from '../spans-for-test.js'

describe('IMEI', () => {
  it.each([
    ['a run after "IMEI"', 'IMEI: 490154203237518', '490154203237518'],
    ['TAC-SNR-CD', 'device imei 35209900-176148-1', '35209900-176148-1'],
    ['AA-BBBBBB-CCCCCC-D', 'IMEI-Nummer 86 072103 123456 0', '86 072103 123456 0'],
    ['after "device ID"', 'Device ID 352099001761481 was lost', '352099001761481'],
  ])('finds %s', (_label, text, expected) => {
    expect(spansFor(text, 'IMEI')).toEqual([expected])
  })

  it.each([
    ['without a device word', 'order 490154203237518 shipped'],
    ['Luhn off by one', 'IMEI 490154203237519'],
    ['a reporting body no one uses', 'IMEI 123456789012347'],
    ['16 digits', 'IMEI 4901542032375180'],
    ['repeated digits', 'IMEI 000000000000000'],
  ])('ignores %s', (_label, text) => {
    expect(spansFor(text, 'IMEI')).toEqual([])
  })

  it('takes a 15-digit card-range number for an IMEI next to "IMEI", and for a card otherwise', () => {
    // 301234567890125: a Diners range and reporting body 30, Luhn-valid.
    expect(spansFor('IMEI 301234567890125', 'IMEI')).toEqual(['301234567890125'])
    expect(spansFor('IMEI 301234567890125', 'CREDIT_CARD')).toEqual([])
    expect(spansFor('card 301234567890125', 'CREDIT_CARD')).toEqual(['301234567890125'])
    expect(spansFor('card 301234567890125', 'IMEI')).toEqual([])
    // Grouped as a card, it stays one next to "IMEI" (a card cannot be hidden by the word).
    expect(spansFor('Please charge IMEI 1001 2345 6789 014', 'CREDIT_CARD')).toEqual([
      '1001 2345 6789 014',
    ])
    expect(spansFor('IMEI 5018 1234 5678 900', 'CREDIT_CARD')).toEqual(['5018 1234 5678 900'])
    // Both words: the card is not hidden by the device word.
    expect(spansFor('card 301234567890125 (not the IMEI)', 'CREDIT_CARD')).toEqual([
      '301234567890125',
    ])
  })
})
