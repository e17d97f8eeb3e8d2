import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'

describe('contact data', () => {
  it.each<[string, Category, string, string[]]>([
    ['address in prose', 'EMAIL_ADDRESS', 'my email is info@presidio.site', ['info@presidio.site']],
    [
      'two addresses',
      'EMAIL_ADDRESS',
      'a@b.co or x.y+z@mail.example.org',
      ['a@b.co', 'x.y+z@mail.example.org'],
    ],
    ['US national phone', 'PHONE_NUMBER', 'call (415) 555-0132 today', ['(415) 555-0132']],
    ['international phone', 'PHONE_NUMBER', 'tel +44 20 7123 4567', ['+44 20 7123 4567']],
    ['German phone', 'PHONE_NUMBER', 'Telefon +49 30 1234567', ['+49 30 1234567']],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual(expected)
  })

  it.each<[string, Category, string]>([
    ['no top-level domain', 'EMAIL_ADDRESS', 'my email is info@presidio.'],
    ['retina asset name', 'EMAIL_ADDRESS', 'see icon@2x.png'],
    ['sequential digits', 'PHONE_NUMBER', '1234567890'],
    ['IPv4 address', 'PHONE_NUMBER', 'host 192.168.100.200'],
    ['version string', 'PHONE_NUMBER', 'v1.2.3'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})
