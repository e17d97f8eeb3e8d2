import { describe, expect, it } from 'vitest'

import { originalRange } from './mapped-text.js'
import { normalizeText } from './normalize.js'

describe('normalizeText', () => {
  it.each([
    ['zero-width space', '4012\u200b8888', '40128888'],
    ['soft hyphen', 'GB82\u00adWEST', 'GB82WEST'],
    ['full-width digits', '５５５５', '5555'],
    ['mathematical digits', '𝟖𝟗', '89'],
    ['Arabic-Indic digits', '٣٧٨٢', '3782'],
    ['Devanagari digits', '१२३', '123'],
    ['combining mark on a digit', '6\u0301011', '6011'],
    ['non-breaking hyphen', '078\u201105', '078-05'],
    ['ideographic space', '1\u30002', '1 2'],
    ['Cyrillic look-alike capital', 'G\u041282', 'GB82'],
    ['plain ASCII untouched', 'card 4111', 'card 4111'],
  ])('undoes %s', (_label, input, expected) => {
    expect(normalizeText(input).text).toBe(expected)
  })

  it('maps a span of normalised text back to the original offsets', () => {
    const original = 'x ５５\u200b５５ y'
    const mapped = normalizeText(original)
    const start = mapped.text.indexOf('5555')

    const [from, to] = originalRange(mapped, start, start + 4)

    expect(original.slice(from, to)).toBe('５５\u200b５５')
  })

  it('maps astral characters (two UTF-16 units) to both units', () => {
    const original = 'DE𝟖𝟗'
    const mapped = normalizeText(original)

    const [from, to] = originalRange(mapped, 2, 4)

    expect([from, to]).toEqual([2, 6])
  })
})
