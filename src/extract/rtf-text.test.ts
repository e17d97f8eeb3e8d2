import { describe, expect, it } from 'vitest'

import { textOfRtf } from './rtf-text.js'

describe('textOfRtf', () => {
  it.each([
    [
      'plain paragraph',
      '{\\rtf1\\ansi Card 4111 1111\\par 1111 1111}',
      'Card 4111 1111\n1111 1111',
    ],
    ['hex escape in code page 1252', "{\\rtf1\\ansi\\ansicpg1252 Stra\\'dfe}", 'Straße'],
    ['unicode with fallback skipped', '{\\rtf1\\uc1 \\u8364?5}', '€5'],
    ['font table skipped', '{\\rtf1{\\fonttbl{\\f0 Arial;}}Hi}', 'Hi'],
    ['hidden text kept', '{\\rtf1 A{\\v secret 5555}B}', 'Asecret 5555B'],
    ['table cells separated', '{\\rtf1 a\\cell b\\cell\\row}', 'a\tb\t\n'],
  ])('reads %s', (_label, rtf, expected) => {
    expect(textOfRtf(rtf)).toBe(expected)
  })
})
