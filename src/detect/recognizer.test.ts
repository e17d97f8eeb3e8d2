import { describe, expect, it } from 'vitest'

import { hintWords, mentionsAny, type ScanInput } from './recognizer.js'
import { DEFAULT_SETTINGS } from './scan-settings.js'

const input = (text: string): ScanInput => ({
  text,
  origin: 'body-text',
  windows: [],
  memo: new Map(),
  settings: DEFAULT_SETTINGS,
})

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
    expect(mentionsAny(input(text), words)).toBe(expected)
    expect(words.some((w) => text.toLowerCase().includes(w))).toBe(expected)
  })
})
