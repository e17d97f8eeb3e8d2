// CA_SIN: social insurance number, 9 digits (3-3-3), Luhn; first digit 0 and 8 are never
// issued (9 = temporary residents).
import { contextWords } from '../context-words.js'
import { isLuhnValid } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const SIN = /(?<![\w-]|\d\.)[1-79]\d{2}([- ]?)\d{3}\1\d{3}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'sin',
  'social insurance',
  'nas',
  "numéro d'assurance sociale",
  'assurance sociale',
])

export const caSin = definePattern({
  name: 'ca-sin',
  category: 'CA_SIN',
  pattern: SIN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const digits = match[0].replace(/\D/g, '')
    if (!isLuhnValid(digits) || /^(\d)\1+$/.test(digits)) return undefined
    return { confidence: match[1] === '' ? 0.4 : 0.55, value: digits }
  },
})
