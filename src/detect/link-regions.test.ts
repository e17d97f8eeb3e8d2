import { describe, expect, it } from 'vitest'

import { findLinkRegions } from './link-regions.js'

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
