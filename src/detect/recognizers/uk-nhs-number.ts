// UK_NHS_NUMBER: 10 digits, mod 11 with weights 10..2; a check value of 10 is never issued.
import { contextWords } from '../context-words.js'
import { isRepeatedDigit, isSequentialDigits, weightedSum } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const NHS = /(?<![\w-]|\d\.)(?:\d{3}([ -]?)\d{3}\1\d{4})(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['nhs', 'nhs number', 'nhs no', 'patient', 'hospital', 'gp', 'chi'])

/** NHS Digital's modulus 11 check. */
export function isNhsNumber(digits: string): boolean {
  // 0123456789 passes the check: it is the digits row of a character table, not a number.
  if (digits.length !== 10 || isRepeatedDigit(digits) || isSequentialDigits(digits)) return false

  const remainder = weightedSum(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11
  const check = remainder === 0 ? 0 : 11 - remainder
  return check !== 10 && check === Number(digits.charAt(9))
}

export const ukNhsNumber = definePattern({
  name: 'uk-nhs-number',
  category: 'UK_NHS_NUMBER',
  pattern: NHS,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const digits = match[0].replace(/\D/g, '')
    if (!isNhsNumber(digits)) return undefined

    // 3-3-4 spacing is how NHS numbers are printed; a bare run of ten could be a phone. With
    // dashes, 3-3-4 is the North American phone layout (415-555-0455), and one such number in
    // eleven passes the check: without a context word it stays under the policy floor (0.5).
    // On the shared corpus sent through the relay, dashed phone numbers in signatures had
    // held 166 messages as national ids.
    const confidence = { ' ': 0.6, '-': 0.4 }[match[1] ?? ''] ?? 0.5
    return { confidence, value: digits }
  },
})
