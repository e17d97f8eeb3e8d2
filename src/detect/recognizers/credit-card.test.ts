import { describe, expect, it } from 'vitest'

import { spansFor } from '../spans-for-test.js'

describe('CREDIT_CARD', () => {
  it.each([
    ['Visa spaced', 'card 4111 1111 1111 1111 exp', '4111 1111 1111 1111'],
    ['Visa dashed', 'cc: 4012-8888-8888-1881', '4012-8888-8888-1881'],
    ['Mastercard plain', '5555555555554444', '5555555555554444'],
    ['Amex 4-6-5', 'amex 3782 822463 10005.', '3782 822463 10005'],
    ['Discover', 'Discover 6011111111111117', '6011111111111117'],
    ['JCB', 'JCB 3530 1113 3330 0000', '3530 1113 3330 0000'],
    ['Diners 14 digits', 'diners 30569309025904', '30569309025904'],
    ['UATP', 'my credit card: 122000000000003', '122000000000003'],
    ['split over a line break', '4111 1111\n1111 1111', '4111 1111\n1111 1111'],
    ['in a URL query', 'https://pay.example.org/p?cc=378282246310005', '378282246310005'],
  ])('finds %s', (_label, text, expected) => {
    expect(spansFor(text, 'CREDIT_CARD')).toEqual([expected])
  })

  it.each([
    ['Luhn off by one digit', 'card 4111 1111 1111 1112'],
    ['Luhn-valid but no issuer range', '9111111111111111'],
    ['repeated digits', '0000 0000 0000 0000'],
    ['mixed separators', '4111 1111-1111 1111'],
    ['glued to letters', 'ref4111111111111111x'],
    ['too short', '4111 1111 1111'],
    ['Diners number failing Luhn', 'my credit card number is 36168002586008'],
  ])('ignores %s', (_label, text) => {
    expect(spansFor(text, 'CREDIT_CARD')).toEqual([])
  })
})
