import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { detectAll } from '../detect-all.js'
import { spansFor } from '../spans-for-test.js'

describe('national ids and bank numbers', () => {
  it.each<[string, Category, string, string]>([
    ['SSN dashed', 'US_SSN', 'SSN 536-90-4399', '536-90-4399'],
    ['SSN dotted', 'US_SSN', '078.05.1123', '078.05.1123'],
    ['SSN bare with context', 'US_SSN', 'my social security number is 536904399', '536904399'],
    ['NINO spaced', 'UK_NINO', 'NI: AA 12 34 56 B', 'AA 12 34 56 B'],
    ['NINO lower case', 'UK_NINO', 'tw987654a', 'tw987654a'],
    ['ABA plain', 'US_ABA_ROUTING', '121042882', '121042882'],
    ['ABA cheque form', 'US_ABA_ROUTING', '3222-7162-7', '3222-7162-7'],
    ['NHS spaced', 'UK_NHS_NUMBER', 'NHS 221 395 1837', '221 395 1837'],
    [
      'NHS with its word in a URL query',
      'UK_NHS_NUMBER',
      'https://gp.example/patient?nhs=9434765919',
      '9434765919',
    ],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['SSN area 000', 'US_SSN', '000-12-3456'],
    ['SSN area 666', 'US_SSN', '666-12-3456'],
    ['SSN area 9xx', 'US_SSN', '912-12-3456'],
    ['SSN group 00', 'US_SSN', '123-00-4567'],
    ['SSN mixed delimiters', 'US_SSN', '536-90 4399'],
    ['voided specimen SSN', 'US_SSN', '078-05-1120'],
    ['SSN bare without context', 'US_SSN', 'order 536904399'],
    ['NINO bad prefix', 'UK_NINO', 'FQ 00 00 00 C'],
    ['NINO excluded pair', 'UK_NINO', 'nt 99 88 77 a'],
    ['NINO first letter V', 'UK_NINO', 'UV 98 76 54 B'],
    ['ABA bad prefix', 'US_ABA_ROUTING', '421042111'],
    ['ABA bad checksum', 'US_ABA_ROUTING', '121042883'],
    ['NHS bad check digit', 'UK_NHS_NUMBER', '221 395 1838'],
    [
      'the digits of a character table',
      'UK_NHS_NUMBER',
      'VALUE 1 !"#$%&\'()*+,-./0123456789:;<=>?@',
    ],
    // A decimal's fraction and an ISBN in a book link both pass the NHS check by chance.
    ['NHS-valid digits after a decimal point', 'UK_NHS_NUMBER', 'total 33.9434765919'],
    ['NHS-valid digits in a URL path', 'UK_NHS_NUMBER', 'https://books.example/isbn/9434765919/'],
    ['NHS-valid digits as a Message-ID', 'UK_NHS_NUMBER', 'ref <9434765919$x@mail.example.com>'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })

  // 415-555-… is how North America writes phone numbers; one in eleven passes the NHS check.
  it.each<[string, string, number, number]>([
    ['a dashed phone number in a signature', 'Kim Park, 943-476-5919', 0.4, 0.5],
    ['the same digits after "NHS number"', 'NHS number 943-476-5919', 0.7, 1],
    ['an NHS number printed 3-3-4 with spaces', 'ref 943 476 5919', 0.6, 0.7],
  ])('%s', (_label, text, atLeast, below) => {
    const nhs = detectAll([{ partId: '1', origin: 'body-text', text }]).filter(
      (f) => f.category === 'UK_NHS_NUMBER',
    )
    expect(nhs).toHaveLength(1)
    expect(nhs[0]?.confidence).toBeGreaterThanOrEqual(atLeast)
    expect(nhs[0]?.confidence).toBeLessThan(below)
  })
})
