// DE_TAX_ID: Steuerliche Identifikationsnummer, 11 digits, ISO 7064 MOD 11,10 and the rule
// that one digit appears two or three times in the first ten.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const IDNR = /(?<![\w-]|\d\.)[1-9]\d ?\d{3} ?\d{3} ?\d{3}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'steuer-id',
  'steuerid',
  'steuer id',
  'idnr',
  'identifikationsnummer',
  'steueridentifikationsnummer',
  'tax id',
  'tin',
])
const isIdnr = stdnumCheck('DE', 'idnr')

/**
 * BZSt rule for the first ten digits: at most one digit repeats, at most three times, and
 * never three times in a row (numbers issued before 2016 may have no repeat at all).
 */
export function hasIdnrDigitPattern(value: string): boolean {
  const body = value.slice(0, 10)
  const counts = new Map<string, number>()
  for (const d of body) counts.set(d, (counts.get(d) ?? 0) + 1)

  const repeated = [...counts].filter(([, n]) => n > 1)
  if (repeated.length === 0) return true
  if (repeated.length > 1) return false

  const [digit, times] = repeated[0] ?? ['', 0]
  return times <= 3 && !(times === 3 && body.includes(digit.repeat(3)))
}

export const deTaxId = definePattern({
  name: 'de-tax-id',
  category: 'DE_TAX_ID',
  pattern: IDNR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const value = match[0].replace(/ /g, '')
    return isIdnr(value) && hasIdnrDigitPattern(value) ? { confidence: 0.5, value } : undefined
  },
})
