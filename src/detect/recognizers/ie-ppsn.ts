// IE_PPSN: Irish personal public service number, 7 digits, a check letter and an optional
// second letter. The check is mod 23 over the digits weighted 8..2; since 2013 the second
// letter (A, then B once the A series ran out; H for non-individuals) is part of the check,
// weighted 9 with A=1, B=2, H=8. Older numbers may end in W, T or X, which the check ignores.
import { contextWords } from '../context-words.js'
import { weightedSum } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const PPSN = /(?<![A-Za-z0-9])\d{7}[A-Wa-w][A-Za-z]?(?![A-Za-z0-9])/g
const CONTEXT = contextWords(['ppsn', 'pps', 'pps number', 'personal public service'])

// Check letters: remainder 0 is W, 1..22 are A..V.
const LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV'
const CHECKED_SECOND = 'ABH'
const IGNORED_SECOND = 'WTX'

/**
 * True when `value` (upper case, no spaces) is a well-formed PPSN. stdnum 1.12 (its latest
 * release) predates the B series and rejects it, so the check is computed here.
 */
export function isPpsn(value: string): boolean {
  if (!/^\d{7}[A-W][A-Z]?$/.test(value)) return false

  const second = value.charAt(8)
  if (second !== '' && !CHECKED_SECOND.includes(second) && !IGNORED_SECOND.includes(second)) {
    return false
  }

  const secondValue = CHECKED_SECOND.includes(second) ? LETTERS.indexOf(second) : 0
  const sum = weightedSum(value, [8, 7, 6, 5, 4, 3, 2]) + 9 * secondValue
  return LETTERS.charAt(sum % 23) === value.charAt(7)
}

export const iePpsn = definePattern({
  name: 'ie-ppsn',
  category: 'IE_PPSN',
  pattern: PPSN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.25,
  validate(match) {
    const value = match[0].toUpperCase()
    return isPpsn(value) ? { confidence: 0.7, value } : undefined
  },
})
