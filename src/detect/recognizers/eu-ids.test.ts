import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'

describe('French, Spanish, Italian, Benelux, Polish, Nordic and Swiss ids', () => {
  it.each<[string, Category, string, string]>([
    ['NIR spaced', 'FR_NIR', 'NIR 1 85 05 78 006 084 91', '1 85 05 78 006 084 91'],
    ['NIR born in Corsica (2A)', 'FR_NIR', '185052A00608435', '185052A00608435'],
    [
      'ID card, 12 digits with context',
      'FR_ID_CARD',
      "carte d'identité 880692310285",
      '880692310285',
    ],
    ['ID card, 2021 form with context', 'FR_ID_CARD', 'CNI X4RTBPFW4', 'X4RTBPFW4'],
    ['tax number (SPI)', 'FR_TAX_ID', 'numéro fiscal 1234567890066', '1234567890066'],
    ['DNI', 'ES_DNI_NIF', 'DNI 12345678Z', '12345678Z'],
    ['DNI dashed', 'ES_DNI_NIF', '12345678-Z', '12345678-Z'],
    ['NIE', 'ES_NIE', 'NIE Y1234567X', 'Y1234567X'],
    ['NSS bare', 'ES_NSS', '281234567840', '281234567840'],
    ['NSS split', 'ES_NSS', 'seguridad social 28/12345678/40', '28/12345678/40'],
    ['codice fiscale', 'IT_FISCAL_CODE', 'CF MRARSS80A01H501T', 'MRARSS80A01H501T'],
    ['BSN with context', 'NL_BSN', 'BSN 123456782', '123456782'],
    ['BSN dotted', 'NL_BSN', '1234.56.782', '1234.56.782'],
    ['BSN alone, at the detection floor', 'NL_BSN', 'order 123456782', '123456782'],
    ['BSN of eight digits (a leading zero left out)', 'NL_BSN', '40645678', '40645678'],
    ['Belgian national number printed', 'BE_NATIONAL_NUMBER', '85.07.30-123.35', '85.07.30-123.35'],
    ['Belgian national number bare', 'BE_NATIONAL_NUMBER', '85073012335', '85073012335'],
    ['Belgian BIS number (month + 40)', 'BE_NATIONAL_NUMBER', 'BIS 85473010047', '85473010047'],
    ['PESEL', 'PL_PESEL', 'PESEL 90091501234', '90091501234'],
    ['personnummer', 'SE_PERSONNUMMER', 'pnr 811218-9876', '811218-9876'],
    ['personnummer with century', 'SE_PERSONNUMMER', '19811218-9876', '19811218-9876'],
    ['henkilötunnus', 'FI_HETU', 'hetu 131052-308T', '131052-308T'],
    ['CPR with context', 'DK_CPR', 'CPR-nr. 211062-1234', '211062-1234'],
    ['fødselsnummer', 'NO_FODSELSNUMMER', 'fødselsnummer 15088500188', '15088500188'],
    ['AHV dotted', 'CH_AHV', 'AHV-Nr. 756.1234.5678.97', '756.1234.5678.97'],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    ['NIR key off', 'FR_NIR', 'NIR 185057800608400'],
    ['NIR with month 13', 'FR_NIR', 'NIR 185137800608491'],
    ['ID card number without context', 'FR_ID_CARD', 'commande 880692310285'],
    ['SPI failing mod 511', 'FR_TAX_ID', 'numéro fiscal 1234567890000'],
    ['SPI starting with 4', 'FR_TAX_ID', 'numéro fiscal 4234567890066'],
    ['DNI letter off', 'ES_DNI_NIF', 'DNI 12345678A'],
    ['NIE letter off', 'ES_NIE', 'NIE Y1234567A'],
    ['NIE with W prefix', 'ES_NIE', 'W1234567X'],
    ['NSS control off', 'ES_NSS', 'seguridad social 281234567800'],
    ['codice fiscale check letter off', 'IT_FISCAL_CODE', 'MRARSS80A01H501A'],
    ['codice fiscale with month letter Z', 'IT_FISCAL_CODE', 'MRARSS80Z01H501T'],
    ['BSN failing the 11-proef', 'NL_BSN', 'BSN 123456780'],
    ['Belgian national number check off', 'BE_NATIONAL_NUMBER', '85073012300'],
    ['PESEL check off', 'PL_PESEL', 'PESEL 90091501230'],
    ['personnummer Luhn off by one', 'SE_PERSONNUMMER', 'pnr 811218-9870'],
    ['henkilötunnus check character off', 'FI_HETU', 'hetu 131052-308U'],
    ['CPR without context', 'DK_CPR', 'ref 211062-1234'],
    ['CPR with day 32', 'DK_CPR', 'CPR 321062-1234'],
    ['fødselsnummer check digits off', 'NO_FODSELSNUMMER', 'fødselsnummer 15088500189'],
    ['AHV check digit off', 'CH_AHV', 'AHV-Nr. 756.1234.5678.90'],
    ['AHV without the 756 prefix', 'CH_AHV', 'AHV-Nr. 757.1234.5678.97'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })
})
