import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'

// ICAO 9303 specimen (Anna Maria Eriksson, Utopia): both TD3 lines, check digits 6, 2, 9.
const MRZ_LINE1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'
const MRZ_LINE2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'
const MRZ = `${MRZ_LINE1}\n${MRZ_LINE2}`

describe('Asia-Pacific and Americas ids, other passports', () => {
  it.each<[string, Category, string, string]>([
    ['TFN with context', 'AU_TFN', 'TFN 876 543 210', '876 543 210'],
    ['Medicare card 4-5-1', 'AU_MEDICARE', 'Medicare 2953 14679 1', '2953 14679 1'],
    ['Medicare spaced without context', 'AU_MEDICARE', 'card 2953 14679 1', '2953 14679 1'],
    ['Aadhaar spaced', 'IN_AADHAAR', 'Aadhaar 2345 6789 0124', '2345 6789 0124'],
    ['Aadhaar bare', 'IN_AADHAAR', '234567890124', '234567890124'],
    ['PAN, person', 'IN_PAN', 'PAN ABCPE1234F', 'ABCPE1234F'],
    ['NRIC S series', 'SG_NRIC_FIN', 'S1234567D', 'S1234567D'],
    ['NRIC T series', 'SG_NRIC_FIN', 'NRIC T0123456G', 'T0123456G'],
    ['FIN F series', 'SG_NRIC_FIN', 'F0123456X', 'F0123456X'],
    ['FIN G series', 'SG_NRIC_FIN', 'G0123456R', 'G0123456R'],
    ['FIN M series (2022)', 'SG_NRIC_FIN', 'FIN M7654321J', 'M7654321J'],
    ['SIN spaced', 'CA_SIN', 'SIN 276 493 129', '276 493 129'],
    ['SIN bare', 'CA_SIN', '276493129', '276493129'],
    ['CPF printed', 'BR_CPF', 'CPF 529.982.247-25', '529.982.247-25'],
    ['MRZ of a passport', 'PASSPORT_OTHER', `scan:\n${MRZ}\n`, MRZ],
    ['passport number next to the word', 'PASSPORT_OTHER', 'passport no. X1234567', 'X1234567'],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['TFN failing its check by one', 'AU_TFN', 'TFN 876 543 211'],
    ['TFN without context', 'AU_TFN', 'order 876 543 210'],
    ['Medicare check digit off by one', 'AU_MEDICARE', 'Medicare 2953 14670 1'],
    ['Medicare bare ten digits without context', 'AU_MEDICARE', 'ref 2953146791'],
    ['Aadhaar failing Verhoeff', 'IN_AADHAAR', '2345 6789 0120'],
    ['Aadhaar starting with 1', 'IN_AADHAAR', '1345 6789 0124'],
    ['PAN with an unknown holder type (N)', 'IN_PAN', 'ABCNE1234F'],
    ['PAN with a digit where the last letter goes', 'IN_PAN', 'ABCPE12345'],
    ['NRIC check letter off', 'SG_NRIC_FIN', 'S1234567A'],
    ['NRIC with an unknown prefix', 'SG_NRIC_FIN', 'B1234567D'],
    ['SIN failing Luhn by one', 'CA_SIN', 'SIN 276 493 120'],
    ['SIN starting with 8 (never issued)', 'CA_SIN', 'SIN 876 493 129'],
    ['CPF check digits off', 'BR_CPF', 'CPF 529.982.247-20'],
    ['CPF of one repeated digit', 'BR_CPF', 'CPF 111.111.111-11'],
    [
      'MRZ with a wrong number check digit',
      'PASSPORT_OTHER',
      MRZ.replace('L898902C36', 'L898902C37'),
    ],
    ['passport-like number without the word', 'PASSPORT_OTHER', 'ticket X1234567'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})
