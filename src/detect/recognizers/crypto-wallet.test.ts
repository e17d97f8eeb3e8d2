import { describe, expect, it } from 'vitest'

import { spansFor } from '../spans-for-test.js'

describe('CRYPTO_WALLET', () => {
  it.each([
    ['P2PKH', 'send to 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ', '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ'],
    ['P2SH', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    [
      'Taproot (Bech32m)',
      'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
      'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
    ],
    [
      'SegWit v0 (Bech32)',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    ],
    [
      'EIP-55 address',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    ],
  ])('finds %s', (_label, text, expected) => {
    expect(spansFor(text, 'CRYPTO_WALLET')).toEqual([expected])
  })

  it.each([
    ['Base58Check failure', '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyY'],
    ['one character too many', '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2'],
    ['bad EIP-55 casing', '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['Bech32 typo', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'],
  ])('ignores %s', (_label, text) => {
    expect(spansFor(text, 'CRYPTO_WALLET')).toEqual([])
  })
})
