import { describe, expect, it } from 'vitest'

import { digitNeeds, NO_NEEDS, tokenLengths } from './pattern-shape.js'
import { randomTexts } from './random-text-for-test.js'
import { CARD_PATTERN } from './recognizers/credit-card.js'

function needsOf(source: string): { digits: number; run: number } {
  return digitNeeds(new RegExp(source, 'g'))
}

describe('digitNeeds', () => {
  it.each<[string, number, number]>([
    [String.raw`\d{11}`, 11, 11],
    [String.raw`(?<![\w-]|\d\.)(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\w-]|\.\d)`, 9, 4],
    [String.raw`(?:\d{4}\.\d{2}\.\d{3}|\d{8,9})`, 8, 4],
    [String.raw`[2-9]\d{3}`, 4, 4],
    [String.raw`[^0-9]\d`, 1, 1],
    [String.raw`\d{3}(?=\d)\d{2}`, 5, 5],
    [String.raw`(\d)\1`, 1, 1],
    [String.raw`(?:\d{2}-){3}`, 6, 2],
    [String.raw`(?:\d{2}){3}`, 6, 6],
    [String.raw`\d{2}\d?\d{2}`, 4, 4],
    [String.raw`[A-Z]{2}\d{2}|\d{6}`, 2, 2],
    [String.raw`[0-9A-F]{8}`, 0, 0],
    [String.raw`\d+ ?\d*`, 1, 1],
    [String.raw`(?<year>\d{4})-\d{2}`, 6, 4],
  ])('reads %s as %i digits, a run of %i', (source, digits, run) => {
    expect(needsOf(source)).toEqual({ digits, run })
  })

  it('gives no needs for syntax it does not read', () => {
    expect(needsOf(String.raw`\x31\d{9}`)).toEqual(NO_NEEDS)
    expect(needsOf(String.raw`\u0031\d{9}`)).toEqual(NO_NEEDS)
    expect(needsOf(String.raw`[\x30-\x39]\d{9}`)).toEqual(NO_NEEDS)
  })

  // Every match of these patterns over random digit-heavy text must hold what was read.
  it.each<[string, RegExp]>([
    ['card numbers', CARD_PATTERN],
    ['SSN shape', /(?<![\w-]|\d\.)(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\w-]|\.\d)/g],
    ['Medicare shape', /(?<![\w-]|\d\.)[2-6]\d{3}( ?)\d{5}\1\d(?:[- ]?\d)?(?![\w-]|\.\d)/g],
    ['dates', /(?<![\w./-])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})/g],
    ['NINO shape', /(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2}(?: ?[A-Da-d])?/g],
  ])('holds for every match of %s', (_label, pattern) => {
    const needs = digitNeeds(pattern)
    const alphabet = '0123456789012345678901234567890123456789  --..//ABABAB\n'

    let matches = 0
    for (const text of randomTexts(alphabet, 7, 400, 200)) {
      for (const match of text.matchAll(pattern)) {
        matches++
        const runs = (match[0].match(/\d+/g) ?? []).map((r) => r.length)
        const digits = runs.reduce((sum, r) => sum + r, 0)
        expect(digits).toBeGreaterThanOrEqual(needs.digits)
        expect(Math.max(0, ...runs)).toBeGreaterThanOrEqual(needs.run)
      }
    }

    expect(needs.digits).toBeGreaterThan(0)
    expect(matches).toBeGreaterThan(0)
  })
})

describe('tokenLengths', () => {
  it.each<[string, string, { min: number; max: number } | undefined]>([
    [
      'a letter and nine digits',
      String.raw`(?<![A-Za-z0-9])[A-Z]\d{9}(?![A-Za-z0-9])`,
      { min: 10, max: 10 },
    ],
    [
      'nine or twelve characters',
      String.raw`(?=[A-Z0-9])(?<![A-Za-z0-9])(?:\d{12}|(?=[A-Z0-9]{0,8}\d)[A-Z0-9]{9})(?![A-Za-z0-9])`,
      { min: 9, max: 12 },
    ],
    [
      'guards with more in them',
      String.raw`(?<![\w-]|\d\.)\d{11}(?![\w-]|\.\d)`,
      { min: 11, max: 11 },
    ],
    [
      'an open length',
      String.raw`(?<![A-Za-z0-9])\d{8,}(?![A-Za-z0-9])`,
      { min: 8, max: Infinity },
    ],
    ['no guard after', String.raw`(?<![A-Za-z0-9])\d{9}`, undefined],
    ['no guard before', String.raw`\d{9}(?![A-Za-z0-9])`, undefined],
    ['a guard that lets letters through', String.raw`(?<![0-9])\d{9}(?![A-Za-z0-9])`, undefined],
    ['a positive look-behind', String.raw`(?<=[ ])\d{9}(?![A-Za-z0-9])`, undefined],
    ['a separator inside', String.raw`(?<![A-Za-z0-9])\d{3}-?\d{6}(?![A-Za-z0-9])`, undefined],
    ['a choice at the top', String.raw`(?<![A-Za-z0-9])\d{9}(?![A-Za-z0-9])|x`, undefined],
  ])('reads %s', (_label, source, expected) => {
    expect(tokenLengths(new RegExp(source, 'g'))).toEqual(expected)
  })

  it('gives none when case-insensitive Unicode matching widens a class', () => {
    expect(tokenLengths(/(?<![A-Za-z0-9])[A-Z]{9}(?![A-Za-z0-9])/giu)).toBeUndefined()
    expect(tokenLengths(/(?<![A-Za-z0-9])[A-Z]{9}(?![A-Za-z0-9])/gi)).toEqual({ min: 9, max: 9 })
  })
})
