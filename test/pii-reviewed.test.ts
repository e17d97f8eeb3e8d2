import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

import { evidenceHolds, REVIEWED } from '../scripts/pii-reviewed.js'
import { isNricFin } from '../src/detect/recognizers/sg-nric-fin.js'
import { sharedPath } from './helpers/shared.js'

interface Vector {
  id: string
  text: string
}

const vectors = new Map(
  ['presidio-vectors.jsonl', 'stdnum-vectors.jsonl'].flatMap((file) =>
    readFileSync(join(sharedPath('pii'), file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Vector)
      .map((v) => [v.id, v] as const),
  ),
)

describe('PII vector cases set aside on review', () => {
  it.each(REVIEWED.map((r) => [r.id, r] as const))(
    '%s names a case and its evidence holds',
    (id, r) => {
      const vector = vectors.get(id)
      expect(vector).toBeDefined()
      expect(evidenceHolds(r, vector?.text ?? '')).toBe(true)
    },
  )

  it('rests the Singapore cases on the check letter, which our validator also rejects', () => {
    const sg = REVIEWED.filter((r) => r.id.startsWith('test_sg_fin_recognizer.py'))
    expect(sg).toHaveLength(3)
    for (const r of sg) expect(isNricFin(vectors.get(r.id)?.text ?? '')).toBe(false)
    // The letters the reasons give instead are the right ones.
    expect(isNricFin('T1234567J')).toBe(true)
    expect(isNricFin('G1122144R')).toBe(true)
  })

  it('counts a case again when stdnum no longer gives the verdict its review rests on', () => {
    const review = {
      id: 'x',
      reason: 'x',
      stdnum: { country: 'IT', module: 'codicefiscale', isValid: false },
    }
    expect(evidenceHolds(review, 'AAAAAA00B11C333N')).toBe(true)
    expect(evidenceHolds(review, 'RSSMRA85T10A562S')).toBe(false)
    expect(
      evidenceHolds({ ...review, stdnum: { country: 'IT', module: 'nope', isValid: false } }, 'x'),
    ).toBe(false)
  })
})
