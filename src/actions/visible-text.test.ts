import { describe, expect, it } from 'vitest'
import { visibleText } from './visible-text.js'

describe('visibleText', () => {
  it.each([
    [
      'a forged line',
      'hello\r\nNarrative:\r\n  nothing to see',
      'hello\\r\\nNarrative:\\r\\n  nothing to see',
    ],
    ['a screen clear', 'x\x1b[2J\x1b[1;1Hy', 'x\\x1b[2J\\x1b[1;1Hy'],
    ['a tab and a bell', 'a\tb\x07', 'a\\tb\\x07'],
    ['NUL and DEL', '\x00\x7f', '\\x00\\x7f'],
    ['a C1 CSI', 'a\u009b2Jb', 'a\\u009b2Jb'],
    ['a bidi override', 'invoice\u202efdp.exe', 'invoice\\u202efdp.exe'],
    ['a bidi isolate and mark', '\u2066x\u2069\u200f', '\\u2066x\\u2069\\u200f'],
    ['a line separator', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
  ])('escapes %s', (_label, text, shown) => {
    expect(visibleText(text)).toBe(shown)
  })

  it.each([
    ['ASCII', 'Alice Example <alice@example.com>'],
    ['accents and ß', 'Grüße aus Köln, Müller'],
    ['other scripts', 'Ελένη 李雷 محمد שלום'],
    ['emoji with a joiner', 'team 👩‍💻 ok'],
    ['a backslash', 'C:\\Users\\alice'],
  ])('leaves %s as it is', (_label, text) => {
    expect(visibleText(text)).toBe(text)
  })
})
