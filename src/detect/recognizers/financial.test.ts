import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'

// CREDIT_CARD, IBAN, CRYPTO_WALLET and US_ABA_ROUTING have tables of their own.
describe('card data and bank accounts', () => {
  it.each<[string, Category, string, string[]]>([
    [
      'track 1',
      'CARD_TRACK_DATA',
      'dump %B4111111111111111^DOE/JOHN^2512101000000000000? end',
      ['%B4111111111111111^DOE/JOHN^2512101000000000000?'],
    ],
    [
      'track 2',
      'CARD_TRACK_DATA',
      ';4111111111111111=25121010000000000?',
      [';4111111111111111=25121010000000000?'],
    ],
    [
      'expiry and CVV after a card',
      'CARD_EXPIRY_CVV',
      'card 4111 1111 1111 1111 exp 12/26 CVV 123',
      ['12/26', '123'],
    ],
    ['BIC with its word', 'SWIFT_BIC', 'BIC: DEUTDEFF', ['DEUTDEFF']],
    ['BIC with branch', 'SWIFT_BIC', 'SWIFT code DEUTDEFF500', ['DEUTDEFF500']],
    [
      'US account with context',
      'US_BANK_ACCOUNT',
      'checking account 000123456789',
      ['000123456789'],
    ],
    [
      'UK sort code and account',
      'UK_BANK_ACCOUNT',
      'sort code 12-34-56 account 12345678',
      ['12-34-56 account 12345678'],
    ],
    [
      'UK account then sort code',
      'UK_BANK_ACCOUNT',
      'acct 12345678, 12-34-56',
      ['12345678, 12-34-56'],
    ],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual(expected)
  })

  it.each<[string, Category, string]>([
    ['track data whose PAN fails Luhn', 'CARD_TRACK_DATA', ';4111111111111112=25121010000000000?'],
    ['expiry and CVV without a card', 'CARD_EXPIRY_CVV', 'meeting 12/26, CVV 123 (room)'],
    ['expiry after a Luhn-invalid number', 'CARD_EXPIRY_CVV', 'card 4111 1111 1111 1112 exp 12/26'],
    ['BIC-shaped word without bank context', 'SWIFT_BIC', 'DEUTDEFF'],
    ['BIC with an unknown country', 'SWIFT_BIC', 'BIC: DEUTXXFF'],
    ['long number without account context', 'US_BANK_ACCOUNT', 'order 000123456789'],
    ['account number of one digit', 'US_BANK_ACCOUNT', 'account 0000000000'],
    ['sort code alone', 'UK_BANK_ACCOUNT', 'sort code 12-34-56'],
    ['a date and a number', 'UK_BANK_ACCOUNT', 'on 12-03-24 we shipped 1234567'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})
