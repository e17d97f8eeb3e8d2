import { describe, expect, it } from 'vitest'

import { findDigitWindows } from './digit-windows.js'
import { randomTexts } from './random-text-for-test.js'

describe('digit windows', () => {
  // Digits are counted from the runs found once for the whole text, not in each window's
  // text again: the same counts, also where a window's edge cuts a run or reaches the next.
  it.each<[string, number]>([
    ['0123456789 abcdefghij', 3000],
    ['0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbb', 5000],
    ['12345678901234567890abcdefghijklmnopqrstuvwxyz', 4000],
    ['a b c d e f g h i j k l m n o p q r s t u v w x y z 0', 20_000],
  ])('counts the digits each window holds in random text of %j', (alphabet, length) => {
    for (const text of randomTexts(alphabet, 3, 40, length)) {
      const windows = findDigitWindows(text)
      const digits = (text.match(/\d/g) ?? []).length
      const inWindows = windows.map((w) => (w.text.match(/\d/g) ?? []).length)

      expect(windows.map((w) => w.digits)).toEqual(inWindows)
      expect(windows.map((w) => w.longestRun)).toEqual(
        windows.map((w) => Math.max(0, ...(w.text.match(/\d+/g) ?? []).map((r) => r.length))),
      )
      expect(windows.every((w) => text.slice(w.start, w.start + w.text.length) === w.text)).toBe(
        true,
      )
      expect(inWindows.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(digits)
    }
  })
})
