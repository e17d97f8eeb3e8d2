import { describe, expect, it } from 'vitest'

import { findDigitWindows } from './digit-windows.js'
import { tokenLengths } from './pattern-shape.js'
import { randomTexts } from './random-text-for-test.js'
import {
  buildTokenIndex,
  eachMatch,
  hintWords,
  mentionsAny,
  TOKEN_FLOOR,
  type ScanInput,
} from './recognizer.js'
import { scanInputOf } from './scan-input-for-test.js'

// The shared pass must say exactly what one search per word would say.
const WORDS = hintWords(['secret', 'token', 'pw', 'pwd', 'private key', 'key'])

describe('mentionsAny', () => {
  it.each<[string, string, readonly string[], boolean]>([
    ['a word in the text', 'my Secret here', ['secret'], true],
    ['overlapping words', 'secretoken', ['token'], true],
    ['a shorter word at the same place', 'the pwd is', ['pw'], true],
    ['a word inside a longer hint', 'a private key', ['key'], true],
    ['a longer word absent', 'pw only', ['pwd'], false],
    ['no word at all', 'nothing to see', WORDS, false],
    ['a word never registered', 'kennung', ['kennung'], true],
    ['a word never registered, absent', 'nothing', ['kennung'], false],
  ])('finds %s as a plain search would', (_label, text, words, expected) => {
    expect(mentionsAny(scanInputOf(text), words)).toBe(expected)
    expect(words.some((w) => text.toLowerCase().includes(w))).toBe(expected)
  })
})

describe('eachMatch over digit windows', () => {
  const text = `order 12 of 2024${' '.repeat(100)}id 123-45-6789${' '.repeat(100)}ref 1234567`
  const windowed: ScanInput = { ...scanInputOf(text), windows: findDigitWindows(text) }

  it('counts the digits and the longest run of each window', () => {
    expect(windowed.windows.map((w) => [w.digits, w.longestRun])).toEqual([
      [6, 4],
      [9, 4],
      [7, 7],
    ])
  })

  it('skips windows with fewer digits than every match holds, and finds the same', () => {
    const pattern = /\d{3}-\d{2}-\d{4}|\d{7}/g
    const found = (needs?: { digits: number; run: number }): string[] => {
      const all: string[] = []
      eachMatch(windowed, pattern, 'digits', (m, offset) => all.push(`${offset + m.index}`), needs)
      return all
    }

    expect(found({ digits: 7, run: 4 })).toEqual(found())
    expect(found({ digits: 8, run: 4 })).toHaveLength(1)
  })
})

describe('eachMatch at token starts', () => {
  // Random digit-heavy text with letters and separators: token patterns tried at token starts
  // must find exactly what the scan finds.
  it.each<[string, RegExp]>([
    ['ten characters', /(?<![A-Za-z0-9])[A-Z]\d{9}(?![A-Za-z0-9])/g],
    [
      'nine or twelve',
      /(?=[A-Z0-9])(?<![A-Za-z0-9])(?:\d{12}|(?=[A-Z0-9]{0,8}\d)[A-Z0-9]{9})(?![A-Za-z0-9])/g,
    ],
    ['eight to seventeen digits', /(?<![\w-]|\d\.)\d{8,17}(?![\w-]|\.\d)/g],
    ['five characters, shorter than the index holds', /(?<![A-Za-z0-9])[A-Z]\d{4}(?![A-Za-z0-9])/g],
  ])('finds what the scan finds: %s', (_label, pattern) => {
    const lengths = tokenLengths(pattern)
    if (lengths === undefined) throw new Error('not a token pattern')
    const sticky = new RegExp(pattern.source, 'y')
    const alphabet = '0123456789012345678901234567890123456789ABXZ  -.\n'

    let matches = 0
    for (const text of randomTexts(alphabet, 3, 100, 400)) {
      const scan: ScanInput = { ...scanInputOf(text), windows: findDigitWindows(text) }
      const found = (tokens?: Parameters<typeof eachMatch>[5]): string[] => {
        const all: string[] = []
        eachMatch(
          scan,
          pattern,
          'digits',
          (m, at) => all.push(`${at + m.index} ${m[0]}`),
          undefined,
          tokens,
        )
        return all
      }

      const scanned = found()
      matches += scanned.length
      expect(found({ lengths, sticky })).toEqual(scanned)
    }
    expect(matches).toBeGreaterThan(0)
  })
})

describe('eachMatch where a seek pattern matches', () => {
  // Random text of letters, digits and separators: the pattern tried where `seek` matches
  // must find exactly what the scan finds, empty matches (IBAN's look-ahead) included.
  it.each<[string, RegExp, RegExp]>([
    [
      'an IBAN run',
      /(?<![A-Za-z0-9])(?=([A-Za-z]{2}\d{2}(?:(?:[ -]|\r?\n)?[A-Za-z0-9]){8,32})(?![A-Za-z0-9]))/g,
      /[A-Za-z]{2}\d{2}/g,
    ],
    ['overlapping groups', /(?<![A-Za-z0-9])[A-Za-z]{1,2}\d{2}(?: ?\d{2})*/g, /[A-Za-z]{1,2}\d/g],
  ])('finds what the scan finds: %s', (_label, pattern, seek) => {
    const sticky = new RegExp(pattern.source, 'y')
    const alphabet = '0123456789012345678901234567890123456789ABXZabxz  -.\n'

    let matches = 0
    for (const text of randomTexts(alphabet, 5, 100, 400)) {
      const scan: ScanInput = { ...scanInputOf(text), windows: findDigitWindows(text) }
      const found = (via?: Parameters<typeof eachMatch>[6]): string[] => {
        const all: string[] = []
        for (const scope of ['digits', 'all'] as const) {
          eachMatch(
            scan,
            pattern,
            scope,
            (m, at) => all.push(`${scope} ${at + m.index} ${m[0]} ${m[1] ?? ''}`),
            undefined,
            undefined,
            via,
          )
        }
        return all
      }

      const scanned = found()
      matches += scanned.length
      expect(found({ seek, sticky })).toEqual(scanned)
    }
    expect(matches).toBeGreaterThan(0)
  })
})

describe('buildTokenIndex', () => {
  // The skipping pass must find every maximal run of TOKEN_FLOOR or more letters and digits,
  // as a plain search for them does.
  it('finds what a search for long runs finds', () => {
    const alphabet = 'aZ09aZ09aZ09éß-. \n'
    let tokens = 0
    for (const length of [1, 7, 8, 9, 40, 400]) {
      for (const text of randomTexts(alphabet, length, 60, length)) {
        const runs = [...text.matchAll(new RegExp(`[A-Za-z0-9]{${TOKEN_FLOOR},}`, 'g'))]
        const index = buildTokenIndex(text)
        tokens += runs.length
        expect(index.starts).toEqual(runs.map((r) => r.index))
        expect(index.ends).toEqual(runs.map((r) => r.index + r[0].length))
      }
    }
    expect(tokens).toBeGreaterThan(10)
  })
})
