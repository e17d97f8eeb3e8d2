// AU_MEDICARE: Medicare card number, 10 digits (first 2-6) and an optional issue digit;
// the ninth digit is sum(first eight × 1,3,7,9,1,3,7,9) mod 10.
import { contextWords } from '../context-words.js'
import { weightedSum } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const MEDICARE = /(?<![\w-]|\d\.)[2-6]\d{3}( ?)\d{5}\1\d(?:[- ]?\d)?(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['medicare', 'medicare card', 'medicare number', 'irn'])

/** Services Australia's Medicare check digit. */
export function isMedicareNumber(digits: string): boolean {
  return weightedSum(digits, [1, 3, 7, 9, 1, 3, 7, 9]) % 10 === Number(digits.charAt(8))
}

export const auMedicare = definePattern({
  name: 'au-medicare',
  category: 'AU_MEDICARE',
  pattern: MEDICARE,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const digits = match[0].replace(/\D/g, '')
    if (!isMedicareNumber(digits)) return undefined

    // The card prints 4-5-1; ten bare digits could be a phone number.
    return { confidence: match[1] === ' ' ? 0.6 : 0.3, value: digits }
  },
})
