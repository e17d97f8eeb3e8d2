import { describe, expect, it } from 'vitest'

import { findCandidates, findEncodedRuns } from './encoded-runs.js'
import { detectAll } from './index.js'
import { randomTexts } from './random-text-for-test.js'

const base64 = (s: string): string => Buffer.from(s).toString('base64')
const hex = (s: string): string => Buffer.from(s).toString('hex')

describe('base64 and hex runs', () => {
  it('finds values inside a base64 run and points at the run', () => {
    const run = base64('card 4111 1111 1111 1111 and IBAN GB82 WEST 1234 5698 7654 32')
    const text = `dump: ${run} end`

    const findings = detectAll([{ partId: '1', origin: 'attachment', text }])

    expect(findings.map((f) => [f.category, f.encoding])).toEqual([
      ['CREDIT_CARD', 'base64'],
      ['IBAN', 'base64'],
    ])
    expect(text.slice(findings[0]?.start, findings[0]?.end)).toBe(run)
    expect(findings[0]?.masked).toBe('4111 **** **** 1111')
  })

  it('finds a key id inside a hex run', () => {
    const text = `token (hex): ${hex('AKIAQ3EGRT7UVWXY2Z45')}`

    const [finding] = detectAll([{ partId: '1', origin: 'body-text', text }])

    expect([finding?.category, finding?.encoding]).toEqual(['CLOUD_ACCESS_KEY', 'hex'])
  })

  it('decodes base64 wrapped over several lines', () => {
    const wrapped = base64('name,card\nAnn,4111 1111 1111 1111\n'.repeat(3)).replace(
      /.{20}/g,
      '$&\n',
    )

    const runs = findEncodedRuns(wrapped)

    expect(runs).toHaveLength(1)
    expect(runs[0]?.decoded).toContain('4111 1111 1111 1111')
  })

  it.each<[string, string]>([
    [
      'binary that is not text',
      Buffer.from(Array.from({ length: 48 }, (_, i) => i * 5)).toString('base64'),
    ],
    ['a long identifier without digits', 'ThisIsALongIdentifierWithoutAnyDigitsAtAll'],
    ['a 40-digit hex hash', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ])('leaves %s alone', (_label, text) => {
    expect(findEncodedRuns(text)).toEqual([])
  })

  // Bound: a text of nothing but base64 costs at most 64 decodes.
  it('decodes at most 64 runs per text', () => {
    const text = Array.from({ length: 100 }, (_, i) =>
      base64(`line ${i} of a readable log text`),
    ).join(' ')

    expect(findEncodedRuns(text)).toHaveLength(64)
  })

  // Hex runs are looked for inside runs of base64 characters only: the same as a plain search.
  it.each<[string, number]>([
    ['0123456789abcdefABCDEFxyz+/=\n -', 2000],
    ['0123456789abcdef0123456789abcdefg=\n', 2000],
    ['0123456789abcdefABCDEF0123456789abcdefABCDEF\n', 40_000],
    ['0123456789abcdefg', 40_000],
  ])('finds the hex runs a plain search finds in random text of %j', (alphabet, length) => {
    for (const text of randomTexts(alphabet, 7, 40, length)) {
      const plain = [...text.matchAll(/[0-9A-Fa-f]+/g)]
        .filter((m) => m[0].length >= 20 && m[0].length <= 8192 && m[0].length % 2 === 0)
        .map((m) => [m.index, m.index + m[0].length])

      expect(findCandidates(text).hexRuns).toEqual(plain)
    }
  })

  it('finds a hex run across the end of a block cut at its longest line', () => {
    const text = `${'Xy1'.repeat(10)}\n${'x'.repeat(16_380)}${'ab'.repeat(30)}xyz`
    const start = 31 + 16_380

    expect(findCandidates(text).hexRuns).toEqual([[start, start + 60]])
  })
})
