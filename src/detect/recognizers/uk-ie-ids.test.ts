import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { detectAll } from '../detect-all.js'
import { spansFor } from '../spans-for-test.js'

// UK_NINO and UK_NHS_NUMBER have their tables in national-ids-p0.test.ts.
describe('UK and Irish ids', () => {
  it.each<[string, Category, string, string]>([
    ['passport, letters and digits', 'UK_PASSPORT', 'My passport number is CD7654321', 'CD7654321'],
    ['passport, nine digits', 'UK_PASSPORT', 'HM Passport 123456780 expires', '123456780'],
    ['driving licence', 'UK_DRIVING_LICENCE', 'licence MORGA657054SM9IJ', 'MORGA657054SM9IJ'],
    [
      'driving licence, short surname',
      'UK_DRIVING_LICENCE',
      'FO999512018AA1AB',
      'FO999512018AA1AB',
    ],
    ['UTR with context', 'UK_UTR', 'UTR 1123456789 for self assessment', '1123456789'],
    ['UTR spaced 5-5', 'UK_UTR', 'HMRC ref 11234 56789', '11234 56789'],
    ['UTR alone, at the detection floor', 'UK_UTR', 'ref 1955839661', '1955839661'],
    ['PPSN, old form', 'IE_PPSN', 'PPS 7654321G', '7654321G'],
    ['PPSN, A series', 'IE_PPSN', '1234567FA', '1234567FA'],
    ['PPSN, B series', 'IE_PPSN', 'my PPSN is 7654321BB', '7654321BB'],
    ['PPSN, W suffix ignored by the check', 'IE_PPSN', '7654321GW', '7654321GW'],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['passport shape without context', 'UK_PASSPORT', 'booking CD7654321'],
    ['passport one digit short', 'UK_PASSPORT', 'passport CD765432'],
    ['licence with month 13', 'UK_DRIVING_LICENCE', 'MORGA613054SM9IJ'],
    ['licence with day 32', 'UK_DRIVING_LICENCE', 'MORGA657324SM9IJ'],
    ['UTR failing its check digit', 'UK_UTR', 'UTR 0123456789'],
    // A UTR-valid run after a phone word is the phone number the word announces.
    ['UTR-valid number after a phone word', 'UK_UTR', 'call 1123456789'],
    ['PPSN check letter off by one', 'IE_PPSN', 'PPS 7654321H'],
    ['PPSN B series with the A-series letter', 'IE_PPSN', '7654321GB'],
    ['PPSN unknown second letter', 'IE_PPSN', '7654321GZ'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})

describe('check-digit numbers without context', () => {
  // One random number in eleven passes a mod-11 check: alone such a value is a finding at the
  // detection floor, under the policy floor (0.5); a context word makes it one a rule acts on.
  it.each<[string, Category, string, number]>([
    ['UTR alone', 'UK_UTR', 'ref 1955839661', 0.4],
    ['UTR after its word', 'UK_UTR', 'UTR 1955839661', 0.9],
    ['BSN alone', 'NL_BSN', 'nr 123456782', 0.4],
    ['BSN dotted', 'NL_BSN', 'nr 1234.56.782', 0.45],
    ['BSN after its word', 'NL_BSN', 'BSN 123456782', 0.9],
  ])('reports a %s at its confidence', (_label, category, text, confidence) => {
    const findings = detectAll([{ partId: '1', origin: 'body-text', text }])

    expect(findings.find((f) => f.category === category)?.confidence).toBe(confidence)
  })
})
