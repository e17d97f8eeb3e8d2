import { describe, expect, it } from 'vitest'

import type { Category } from './categories.js'
import { detectAll } from './detect-all.js'
import type { Evidence } from './recognizer.js'
import { resolveOverlaps, type Scored } from './resolve-overlaps.js'

function candidate(
  category: Category,
  span: [number, number],
  confidence: number,
  evidence: Evidence,
  hasContext = false,
): Scored {
  const [start, end] = span
  return {
    category,
    start,
    end,
    confidence,
    evidence,
    hasContext,
    value: 'v',
    recognizer: category,
  }
}

function kept(candidates: readonly Scored[]): string[] {
  return resolveOverlaps(candidates).map((c) => `${c.category}@${c.start}-${c.end}`)
}

describe('resolveOverlaps', () => {
  it.each<[string, Scored[], string[]]>([
    [
      'a checksum-backed card beats a phone parse of the same digits at similar confidence',
      [
        candidate('CREDIT_CARD', [0, 17], 0.95, 'checksum'),
        candidate('PHONE_NUMBER', [0, 17], 0.85, 'structure'),
      ],
      ['CREDIT_CARD@0-17'],
    ],
    [
      'a checksum beats a bare shape at similar confidence',
      [
        candidate('US_ABA_ROUTING', [0, 9], 0.6, 'checksum'),
        candidate('US_BANK_ACCOUNT', [0, 9], 0.65, 'shape'),
      ],
      ['US_ABA_ROUTING@0-9'],
    ],
    [
      'both stay when only the weaker-backed match has a context word',
      [
        candidate('US_ABA_ROUTING', [0, 9], 0.45, 'checksum'),
        candidate('US_EIN', [0, 9], 0.55, 'structure', true),
      ],
      ['US_ABA_ROUTING@0-9', 'US_EIN@0-9'],
    ],
    [
      'with context on both sides, the checksum decides',
      [
        candidate('CREDIT_CARD', [0, 17], 0.99, 'checksum', true),
        candidate('PHONE_NUMBER', [0, 17], 0.85, 'structure', true),
      ],
      ['CREDIT_CARD@0-17'],
    ],
    [
      'a clearly surer structural match keeps its span against a lucky check digit',
      [
        candidate('UK_NHS_NUMBER', [0, 13], 0.5, 'checksum'),
        candidate('PHONE_NUMBER', [0, 13], 0.85, 'structure'),
      ],
      ['PHONE_NUMBER@0-13'],
    ],
    [
      'a less sure check digit does not displace a surer structural match: both stay',
      [
        candidate('UK_UTR', [0, 10], 0.4, 'checksum'),
        candidate('PHONE_NUMBER', [0, 10], 0.45, 'structure'),
      ],
      ['UK_UTR@0-10', 'PHONE_NUMBER@0-10'],
    ],
    [
      'a check digit as sure as a structural match keeps its span',
      [
        candidate('UK_NHS_NUMBER', [0, 10], 0.5, 'checksum'),
        candidate('PHONE_NUMBER', [0, 10], 0.45, 'structure'),
      ],
      ['UK_NHS_NUMBER@0-10'],
    ],
    [
      'two checksum categories about as sure both stay',
      [
        candidate('CA_SIN', [0, 11], 0.55, 'checksum'),
        candidate('NL_BSN', [0, 11], 0.6, 'checksum'),
      ],
      ['CA_SIN@0-11', 'NL_BSN@0-11'],
    ],
    [
      'equally backed categories far apart in confidence keep the surer',
      [
        candidate('US_SSN', [0, 11], 0.85, 'structure'),
        candidate('PHONE_NUMBER', [0, 11], 0.6, 'structure'),
      ],
      ['US_SSN@0-11'],
    ],
    [
      'a value containing a look-alike keeps the longer one',
      [
        candidate('IBAN', [0, 27], 0.95, 'checksum'),
        candidate('PHONE_NUMBER', [5, 19], 0.6, 'structure'),
      ],
      ['IBAN@0-27'],
    ],
    [
      'a better-backed value inside a weaker container survives',
      [
        candidate('UK_BANK_ACCOUNT', [0, 20], 0.55, 'structure'),
        candidate('CREDIT_CARD', [2, 18], 0.6, 'checksum'),
      ],
      ['UK_BANK_ACCOUNT@0-20', 'CREDIT_CARD@2-18'],
    ],
    [
      'partial overlaps of different categories both stay',
      [
        candidate('EMAIL_ADDRESS', [0, 20], 0.8, 'structure'),
        candidate('PHONE_NUMBER', [15, 30], 0.6, 'structure'),
      ],
      ['EMAIL_ADDRESS@0-20', 'PHONE_NUMBER@15-30'],
    ],
    [
      'the surer of two matches of one category',
      [
        candidate('PHONE_NUMBER', [0, 14], 0.6, 'structure'),
        candidate('PHONE_NUMBER', [4, 14], 0.75, 'structure'),
      ],
      ['PHONE_NUMBER@4-14'],
    ],
  ])('%s', (_label, candidates, expected) => {
    expect(kept(candidates)).toEqual(expected)
  })

  // Regression: a Luhn- and IIN-valid card written 4-4-4-2 after "card no" also parsed as a
  // phone number, and both findings were reported for the one value.
  it('reports a grouped card number once, as a card, when it also parses as a phone', () => {
    const text = 'card no 6207 9110 0017 07'

    const categories = detectAll([{ partId: '1', origin: 'body-text', text }]).map(
      (f) => f.category,
    )

    expect(categories).toEqual(['CREDIT_CARD'])
  })
})
