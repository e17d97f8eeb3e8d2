import { describe, expect, it } from 'vitest'

import { detectAll } from './detect-all.js'
import type { TextSource } from './types.js'

// A text part of one ~4 MB line without spaces (an inline base64 blob) was held as
// "UNSCANNABLE text: unreadable (RangeError)". The RangeError came from a pattern in the
// extract stage; these tests keep the detect stage free of the same failure: no spread of a
// huge array into arguments, no pattern whose backtracking grows with the line.
const SIZE = 4 * 1024 * 1024

/** Deterministic bytes (a linear congruential generator): the same blob on every run. */
function bytesOf(length: number): Buffer {
  const bytes = Buffer.alloc(length)
  let state = 12345

  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0
    bytes[i] = state >>> 24
  }

  return bytes
}

const BLOB = bytesOf((SIZE / 4) * 3).toString('base64')
const CARD = '4111 1111 1111 1111'

describe('a very long unbroken line', () => {
  it.each<[string, TextSource['origin'], string]>([
    ['a base64 blob in plain text', 'body-text', `card ${CARD}\n${BLOB}\nbye`],
    [
      'a base64 data URI in HTML',
      'body-html',
      `<p>card ${CARD}</p><img src="data:;base64,${BLOB}">`,
    ],
    ['a hex dump', 'attachment', `card ${CARD}\n${bytesOf(SIZE / 2).toString('hex')}`],
    ['digits and separators', 'body-text', `card ${CARD}\n${'1-2.3/'.repeat(SIZE / 6)}`],
    [
      'letters glued to the blob',
      'body-text',
      `card ${CARD}\nkey=${BLOB}&sig=${BLOB.slice(0, 1e6)}`,
    ],
  ])('scans %s to the end and still finds the card', (_label, origin, text) => {
    const findings = detectAll([{ partId: '1', origin, text }])

    const cards = findings.filter((f) => f.category === 'CREDIT_CARD')
    expect(cards.map((f) => text.slice(f.start, f.end))).toContain(CARD)
  })

  it('finds a value that follows the blob on the same line', () => {
    const text = `${BLOB} card ${CARD}`

    const findings = detectAll([{ partId: '1', origin: 'body-text', text }])

    expect(findings.some((f) => f.category === 'CREDIT_CARD' && f.start > BLOB.length)).toBe(true)
  })
})
