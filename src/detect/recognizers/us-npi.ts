// US_NPI: National Provider Identifier, 10 digits starting 1 or 2; Luhn over "80840" + the
// number (ISO 7812 card-issuer prefix for US health).
import { contextWords } from '../context-words.js'
import { isLuhnValid } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const NPI = /(?<![\w-]|\d\.)[12]\d{3}([- ]?)\d{3}\1\d{3}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['npi', 'provider', 'national provider', 'prescriber', 'physician'])

export const usNpi = definePattern({
  name: 'us-npi',
  category: 'US_NPI',
  pattern: NPI,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const digits = match[0].replace(/\D/g, '')
    if (!isLuhnValid(`80840${digits}`)) return undefined

    return { confidence: match[1] === '' ? 0.45 : 0.55, value: digits }
  },
})
