import { describe, expect, it } from 'vitest'

import { detectAll } from './detect-all.js'
import { findLinkRegions, isInsideGuid } from './link-regions.js'

describe('findLinkRegions', () => {
  it.each<[string, string, string[]]>([
    ['a URL ends at white space', 'see https://a.example/x?id=1 now', ['https://a.example/x?id=1']],
    ['a URL ends at a quote', 'href="https://a.example/p"', ['https://a.example/p']],
    ['a URL ends at an angle bracket', '<https://a.example/q>', ['https://a.example/q']],
    ['a URL ends at a no-break space', 'at https://a.example/r\u00a0next', ['https://a.example/r']],
    ['a URL runs to the end', 'go to ftp://files.example', ['ftp://files.example']],
    ['a Message-ID', 'ref <abc.123@mail.example> ok', ['<abc.123@mail.example>']],
    ['no scheme before ://', 'odd :// here', []],
  ])('finds %s', (_label, text, expected) => {
    expect(findLinkRegions(text).map(([start, end]) => text.slice(start, end))).toEqual(expected)
  })

  it('bounds a link without an end', () => {
    const text = `https://${'x'.repeat(20_000)}`
    expect(findLinkRegions(text)[0]).toEqual([0, 8 + 8192])
  })
})

describe('isInsideGuid', () => {
  it('tells a group of a GUID, alone or inside a longer id, from a number beside one', () => {
    const text =
      'Tenant e39fb2d0-9181-4d28-b0d5-664015138582; ' +
      '<0102018f1a2b3c4d-5e6f7a8b-9c0d-4e2f-8a4b-664015138582-000000@ses>; 664015138582'
    const at = (from: number) => {
      const start = text.indexOf('664015138582', from)
      return isInsideGuid(text, start, start + 12)
    }
    expect(at(0)).toBe(true)
    expect(at(text.indexOf('<'))).toBe(true)
    expect(at(text.lastIndexOf(';'))).toBe(false)
  })

  it('keeps detection from reading a GUID group as a card, in any text', () => {
    const found = detectAll([
      { partId: '1', origin: 'body-text', text: 'Join e39fb2d0-9181-4d28-b0d5-664015138582 now' },
    ])
    expect(found.filter((f) => f.category === 'CREDIT_CARD')).toEqual([])
  })
})
