// SE_PERSONNUMMER: (CC)YYMMDD, '-' or '+' (over 100), 3 serial digits, Luhn check digit;
// samordningsnummer add 60 to the day.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const PNR = /(?<![\w-]|\d\.)(?:\d{2})?\d{6}[-+]?\d{4}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['personnummer', 'pnr', 'samordningsnummer', 'personal identity'])
const isPersonnummer = stdnumCheck('SE', 'personnummer')

/**
 * The YYMMDD-NNNN form stdnum checks. A 12-digit form names its century; written short,
 * the separator is '+' once the holder is 100 or older (Folkbokföringslagen §18).
 */
export function tenDigitForm(raw: string): string | undefined {
  const digits = raw.replace(/\D/g, '')
  const sign = raw.includes('+') ? '+' : '-'
  if (digits.length === 10) return `${digits.slice(0, 6)}${sign}${digits.slice(6)}`
  if (digits.length !== 12) return undefined

  const age = new Date().getUTCFullYear() - Number(digits.slice(0, 4))
  return `${digits.slice(2, 8)}${age >= 100 ? '+' : '-'}${digits.slice(8)}`
}

export const sePersonnummer = definePattern({
  name: 'se-personnummer',
  category: 'SE_PERSONNUMMER',
  pattern: PNR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.3,
  validate(match) {
    const value = tenDigitForm(match[0])
    return value !== undefined && isPersonnummer(value) ? { confidence: 0.6, value } : undefined
  },
})
