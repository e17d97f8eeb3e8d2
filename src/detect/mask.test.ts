import { describe, expect, it } from 'vitest'

import type { Category } from './categories.js'
import { maskSample } from './mask.js'

describe('maskSample', () => {
  it.each<[string, Category, string, string]>([
    ['card: first and last four', 'CREDIT_CARD', '4111 1111 1111 1111', '4111 **** **** 1111'],
    [
      'IBAN: country, check digits and last four',
      'IBAN',
      'GB82 WEST 1234 5698 7654 32',
      'GB82 **** **** **** **54 32',
    ],
    ['email: first letter and domain', 'EMAIL_ADDRESS', 'alice@example.com', 'a***@example.com'],
    ['secret: length only', 'API_TOKEN', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', '**** (32 chars)'],
    ['name: first letter', 'PERSON_NAME', 'Maria Gonzalez', 'M**** ********'],
    ['id: last four of a long value', 'US_SSN', '536-90-4399', '***-**-4399'],
    ['id: last two of a short value', 'ES_DNI_NIF', '12345678Z', '*******8Z'],
    ['line breaks become spaces', 'CREDIT_CARD', '4111 1111\n1111 1111', '4111 **** **** 1111'],
  ])('%s', (_label, category, raw, expected) => {
    expect(maskSample(category, raw)).toBe(expected)
  })
})
