import { describe, expect, it } from 'vitest'

import { countDistinct, detectAll } from '../index.js'
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
    // mod 97 reads a letter's value whatever its case: a typed IBAN is the same account.
    ['lower case', 'iban gb82 west 1234 5698 7654 32', 'gb82 west 1234 5698 7654 32'],
    ['mixed case', 'Gb82 West 1234 5698 7654 32', 'Gb82 West 1234 5698 7654 32'],
    ['lower case compact', 'de89370400440532013000', 'de89370400440532013000'],
    [
      'lower case, wrapped',
      'fr14 2004 1010 0505 0001\n3m02 606',
      'fr14 2004 1010 0505 0001\n3m02 606',
    ],
  ])('finds %s', (_label, text, expected) => {
    expect(spansFor(text, 'IBAN')).toEqual([expected])
  })

  it.each([
    ['bad check digits', 'AT61 1904 3002 3457 3202'],
    ['letter in a numeric BBAN', 'AT61 1904 A002 3457 3201'],
    ['one character short', 'CY17 0020 0128 0000 0012 0052 760'],
    ['unknown country', 'XX82 WEST 1234 5698 7654 32'],
    ['lower case with bad check digits', 'gb83 west 1234 5698 7654 32'],
    ['lower case, letter in a numeric BBAN', 'at61 1904 a002 3457 3201'],
    ['lower-case word and digits of the right length', 'de12 abcd efgh ijkl mnop qr'],
    ['lower case glued to a word', 'xgb82 west 1234 5698 7654 32'],
    // Presidio's negative: the check holds, but "bANK" is how a token looks, not a typed IBAN.
    ['a small letter before capitals', 'LV80 bANK 0000 4351 9500 1'],
    ['random mixed case', 'gB82 wEsT 1234 5698 7654 32'],
  ])('ignores %s', (_label, text) => {
    expect(spansFor(text, 'IBAN')).toEqual([])
  })

  it('is a little less sure of an IBAN not written in capitals, and counts it as the same', () => {
    const findings = detectAll([
      {
        partId: '1',
        origin: 'body-text',
        text: 'GB33BUKB20201555555555 and gb33bukb20201555555555',
      },
    ])

    expect(findings.map((f) => f.confidence)).toEqual([0.95, 0.9])
    expect(countDistinct(findings).get('IBAN')).toBe(1)
  })
})
