import { describe, expect, it } from 'vitest'
import { editDistance, normalizeName, skeleton } from './similarity.js'

describe('editDistance', () => {
  it.each([
    ['same', 'marta', 'marta', 0],
    ['one substitution', 'marta', 'marte', 1],
    ['autocomplete neighbour', 'marta', 'martin', 2],
    ['transposition counts once', 'exmaple', 'example', 1],
    ['insertion', 'enron', 'enrron', 1],
    ['unrelated', 'alice', 'bob', 5],
  ])('%s', (_label, a, b, want) => {
    expect(editDistance(a, b)).toBe(want)
  })

  it('stops early above the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3)
  })
})

describe('skeleton', () => {
  it.each([
    ['Cyrillic a', 'exаmple.com', 'example.com'],
    ['digit one for l', 'examp1e.com', 'example.com'],
    ['rn for m', 'rnicrosoft.com', 'microsoft.com'],
    ['accents', 'exámple.com', 'example.com'],
  ])('folds %s', (_label, lookalike, real) => {
    expect(skeleton(lookalike)).toBe(skeleton(real))
  })

  it('keeps different names apart', () => {
    expect(skeleton('partner.com')).not.toBe(skeleton('painter.com'))
  })
})

describe('normalizeName', () => {
  it('matches "Last, First" with "First Last"', () => {
    expect(normalizeName('Lopez, Marta')).toBe(normalizeName('Marta López'))
  })
})
