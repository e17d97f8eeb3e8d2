import { describe, expect, it } from 'vitest'

import { spansFor } from '../spans-for-test.js'

describe('IBAN', () => {
  it.each([
    ['GB spaced', 'IBAN GB82 WEST 1234 5698 7654 32 please', 'GB82 WEST 1234 5698 7654 32'],
    ['DE compact', 'DE89370400440532013000', 'DE89370400440532013000'],
    ['dash separated', 'AL47-2121-1009-0000-0002-3569-8741', 'AL47-2121-1009-0000-0002-3569-8741'],
    [
      'followed by capitals',
      'AL47212110090000000235698741 ALL CAPS',
      'AL47212110090000000235698741',
    ],
    [
      'stopping at its length',
      'to VG96 VPVG 0000 0123 4567 8901 X now',
      'VG96 VPVG 0000 0123 4567 8901',
    ],
  ])('finds %s', (_label, text, expected) => {
    expect(spansFor(text, 'IBAN')).toEqual([expected])
  })

  it.each([
    ['bad check digits', 'AT61 1904 3002 3457 3202'],
    ['letter in a numeric BBAN', 'AT61 1904 A002 3457 3201'],
    ['one character short', 'CY17 0020 0128 0000 0012 0052 760'],
    ['unknown country', 'XX82 WEST 1234 5698 7654 32'],
    ['lower case', 'gb82 west 1234 5698 7654 32'],
  ])('ignores %s', (_label, text) => {
    expect(spansFor(text, 'IBAN')).toEqual([])
  })
})
