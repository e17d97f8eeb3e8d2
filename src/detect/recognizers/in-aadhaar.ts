// IN_AADHAAR: 12 digits, first 2-9, Verhoeff check digit (UIDAI).
import { contextWords } from '../context-words.js'
import { isRepeatedDigit, isVerhoeffValid } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const AADHAAR = /(?<![\w-]|\d\.)[2-9]\d{3}([ :-]?)\d{4}\1\d{4}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['aadhaar', 'aadhar', 'uidai', 'uid', 'आधार'])

export const inAadhaar = definePattern({
  name: 'in-aadhaar',
  category: 'IN_AADHAAR',
  pattern: AADHAAR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const digits = match[0].replace(/\D/g, '')
    if (isRepeatedDigit(digits) || !isVerhoeffValid(digits)) return undefined
    return { confidence: match[1] === '' ? 0.5 : 0.6, value: digits }
  },
})
