// US_ABA_ROUTING: 9-digit routing transit numbers. Checksum 3-7-1 weights mod 10 and a
// Federal Reserve prefix (00-12 banks, 21-32 thrifts, 61-72 electronic, 80 traveller's
// cheques). About one random 9-digit number in fifty passes both, so context matters.
import { contextWords } from '../context-words.js'
import { isRepeatedDigit, weightedSum } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const ABA = /(?<![\w-]|\d\.)(?:\d{9}|\d{4}-\d{4}-\d)(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'aba',
  'routing',
  'rtn',
  'transit',
  'bank',
  'wire',
  'ach',
  'abarouting',
])

/** ABA checksum and Federal Reserve prefix. */
export function isAbaRouting(digits: string): boolean {
  if (digits.length !== 9 || isRepeatedDigit(digits)) return false

  const prefix = Number(digits.slice(0, 2))
  const isKnownPrefix =
    prefix <= 12 ||
    (prefix >= 21 && prefix <= 32) ||
    (prefix >= 61 && prefix <= 72) ||
    prefix === 80
  return isKnownPrefix && weightedSum(digits, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0
}

export const usAbaRouting = definePattern({
  name: 'us-aba-routing',
  category: 'US_ABA_ROUTING',
  pattern: ABA,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.4,
  validate(match) {
    const digits = match[0].replace(/-/g, '')
    if (!isAbaRouting(digits)) return undefined

    // The dashed 4-4-1 form is how cheques print it: more telling than a bare run.
    return { confidence: match[0].includes('-') ? 0.6 : 0.45, value: digits }
  },
})
