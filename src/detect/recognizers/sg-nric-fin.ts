// SG_NRIC_FIN: S/T (citizens), F/G (foreigners), M (FINs from 2022) + 7 digits + check
// letter: weights 2,7,6,5,4,3,2 plus an offset (T and G 4, M 3), mod 11 into a letter table
// (ICA). The M series reads its table from the other end: index 10 − remainder.
import { contextWords } from '../context-words.js'
import { weightedSum } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const NRIC = /(?<![A-Za-z0-9])[STFGMstfgm]\d{7}[A-Za-z](?![A-Za-z0-9])/g
const CONTEXT = contextWords(['nric', 'fin', 'ic', 'identity card', 'singapore'])

const TABLES: Readonly<Record<string, string>> = {
  S: 'JZIHGFEDCBA',
  T: 'JZIHGFEDCBA',
  F: 'XWUTRQPNMLK',
  G: 'XWUTRQPNMLK',
  M: 'KLJNPQRTUWX',
}
const OFFSETS: Readonly<Record<string, number>> = { S: 0, T: 4, F: 0, G: 4, M: 3 }

/** ICA check letter of an NRIC or FIN. */
export function isNricFin(value: string): boolean {
  const prefix = value.charAt(0)
  const sum = weightedSum(value.slice(1, 8), [2, 7, 6, 5, 4, 3, 2]) + (OFFSETS[prefix] ?? 0)
  const index = prefix === 'M' ? 10 - (sum % 11) : sum % 11
  return TABLES[prefix]?.charAt(index) === value.charAt(8)
}

export const sgNricFin = definePattern({
  name: 'sg-nric-fin',
  category: 'SG_NRIC_FIN',
  pattern: NRIC,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.2,
  validate(match) {
    const value = match[0].toUpperCase()
    return isNricFin(value) ? { confidence: 0.75, value } : undefined
  },
})
