import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { scanInputOf } from '../scan-input-for-test.js'
import { spansFor } from '../spans-for-test.js'
import { randomTexts } from '../random-text-for-test.js'
import { cueStarts, cueStartsOf, personName } from './person-name.js'

// EMAIL_ADDRESS and PHONE_NUMBER have their tables in contact.test.ts.
describe('names, addresses, birth dates and health data', () => {
  it.each<[string, Category, string, string]>([
    ['name after a salutation', 'PERSON_NAME', 'Dear John Smith,', 'John Smith'],
    ['name after a title', 'PERSON_NAME', 'ask Dr. Brown', 'Brown'],
    ['labelled name', 'PERSON_NAME', 'Cardholder: Maria Gonzalez', 'Maria Gonzalez'],
    ['common given name and surname', 'PERSON_NAME', 'met Sarah Connor today', 'Sarah Connor'],
    ['English street', 'STREET_ADDRESS', 'at 221B Baker Street London', '221B Baker Street'],
    ['German street', 'STREET_ADDRESS', 'Hauptstraße 5, 10115 Berlin', 'Hauptstraße 5'],
    ['French street', 'STREET_ADDRESS', '12 rue de la Paix', '12 rue de la Paix'],
    ['birth date after DOB', 'DATE_OF_BIRTH', 'DOB: 12/03/1985', '12/03/1985'],
    ['German birth date', 'DATE_OF_BIRTH', 'geboren am 3. März 1990', '3. März 1990'],
    ['ISO birth date', 'DATE_OF_BIRTH', 'date of birth 1985-03-12', '1985-03-12'],
    ['diagnosis', 'HEALTH_INFORMATION', 'she was diagnosed with diabetes', 'diabetes'],
    ['medication', 'HEALTH_INFORMATION', 'prescribed sertraline 50 mg', 'sertraline'],
    ['ICD-10 code', 'HEALTH_INFORMATION', 'ICD-10 E11.9', 'E11.9'],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['salutation to a group', 'PERSON_NAME', 'Dear Customer,'],
    ['greeting a team', 'PERSON_NAME', 'Hello Team'],
    ['capitalised product words', 'PERSON_NAME', 'Microsoft Teams Premium'],
    ['street word without a number', 'STREET_ADDRESS', 'Baker Street is busy'],
    ['date without a birth word', 'DATE_OF_BIRTH', 'invoice due 12/03/1985'],
    ['birth date over 120 years ago', 'DATE_OF_BIRTH', 'born 12/03/1850'],
    ['birth date in the future', 'DATE_OF_BIRTH', 'born 12/03/2099'],
    ['condition without a clinical word', 'HEALTH_INFORMATION', 'diabetes awareness week'],
    ['ICD-like part number', 'HEALTH_INFORMATION', 'part A00.1 in stock'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})

describe('name cues', () => {
  const namesIn = (text: string): string[] =>
    personName
      .find(scanInputOf(text))
      .map((c) => `${c.start} ${text.slice(c.start, c.end)} ${c.confidence}`)

  // Each cue is read as a scan of its own pattern would: overlapping cues of different kinds
  // are all read, and a cue inside the previous match of the same kind is not.
  it.each<[string, string, string[]]>([
    ['a title after a salutation', 'Dear Dr Smith', ['8 Smith 0.8', '5 Dr Smith 0.65']],
    ['a label inside a label', 'My name is Anna Berg', ['11 Anna Berg 0.7', '11 Anna Berg 0.6']],
    [
      'two labels',
      'Name: Ann Lee, name Bob Ray',
      ['6 Ann Lee 0.7', '20 Bob Ray 0.7', '20 Bob Ray 0.6'],
    ],
    ['a salutation inside a match', 'Hi Hi Anna', ['3 Hi Anna 0.65']],
    [
      'every kind at once',
      'Dear Mr. Hello Bob Ray, Patient: Dr Ann',
      [
        '9 Hello Bob Ray 0.8',
        '36 Ann 0.8',
        '5 Mr 0.65',
        '15 Bob Ray 0.65',
        '33 Dr Ann 0.7',
        '15 Bob Ray 0.6',
      ],
    ],
  ])('reads %s', (_label, text, expected) => {
    expect(namesIn(text)).toEqual(expected)
  })
})

describe('person-name cue words', () => {
  // Random runs of cue words, label words, their pieces and other words: the pass that
  // leaves labels out where no label word is must find every place the full pass finds.
  it('are found where the full pass finds them', () => {
    const words = [
      'Dear',
      'Mr',
      'Hi',
      'Name',
      'name',
      'Full',
      'full',
      'My',
      'my',
      'is',
      'Patient',
      'patient',
      'employee',
      'Cardholder',
      'beneficiary',
      'nam',
      'Nme',
      'des',
      'Anna',
      'x',
      ':',
      '_',
    ]
    let places = 0
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
    const picked = [...randomTexts(alphabet, 17, 400, 12), ...randomTexts(alphabet, 19, 400, 4)]
    let withoutLabels = 0
    for (const picks of picked) {
      const text = [...picks].map((c) => words[parseInt(c, 36) % words.length]).join(' ')
      const input = scanInputOf(text)
      const full = cueStarts(text, true)
      places += full.length
      if (!/name|patient|employee|cardholder|beneficiary/i.test(text)) withoutLabels++
      expect(cueStartsOf(input)).toEqual(full)
    }
    expect(places).toBeGreaterThan(400)
    expect(withoutLabels).toBeGreaterThan(50)
  })
})
