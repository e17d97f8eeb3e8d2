import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { detectAll } from '../detect-all.js'
import { spansFor } from '../spans-for-test.js'

function phonesIn(text: string, phoneRegions: string[]): number {
  const findings = detectAll([{ partId: '1', origin: 'body-text', text }], { phoneRegions })
  return findings.filter((f) => f.category === 'PHONE_NUMBER').length
}

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
    ['UK national with trunk prefix', 'PHONE_NUMBER', 'ring 020 7946 0958', ['020 7946 0958']],
    [
      'Philippine mobile with trunk prefix',
      'PHONE_NUMBER',
      'cell 0917-123-4567',
      ['0917-123-4567'],
    ],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual(expected)
  })

  it.each<[string, Category, string]>([
    ['no top-level domain', 'EMAIL_ADDRESS', 'my email is info@presidio.'],
    ['retina asset name', 'EMAIL_ADDRESS', 'see icon@2x.png'],
    ['sequential digits', 'PHONE_NUMBER', '1234567890'],
    ['IPv4 address', 'PHONE_NUMBER', 'host 192.168.100.200'],
    ['version string', 'PHONE_NUMBER', 'v1.2.3'],
    // Valid national numbers only if their region's trunk prefix "0" were written.
    ['German-only digits without the trunk prefix', 'PHONE_NUMBER', 'ref 945456787654'],
    ['French-only digits without the trunk prefix', 'PHONE_NUMBER', 'ref 123456789'],
    ['a dotted date', 'PHONE_NUMBER', 'Am 01.01.2024 um 10:00'],
    ['an ISO date', 'PHONE_NUMBER', 'on 2024-12-31'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })

  it('reads national numbers in the configured regions only', () => {
    const text = 'call 9171234567'

    expect(phonesIn(text, ['IN'])).toBe(1)
    expect(phonesIn(text, ['PH'])).toBe(0)
    expect(phonesIn('call +63 917 123 4567', ['GB'])).toBe(1)
  })

  it('refuses an unknown phone region rather than scanning with fewer', () => {
    expect(() => phonesIn('call 020 7946 0958', ['GB', 'XX'])).toThrow(/unknown phone region XX/)
  })
})
