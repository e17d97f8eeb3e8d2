// PL_PESEL: 11 digits, birth date (century in the month), serial, weights 1-3-7-9 mod 10.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const PESEL = /(?<![\w-]|\d\.)\d{11}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['pesel', 'numer pesel'])
const isPesel = stdnumCheck('PL', 'pesel')

export const plPesel = definePattern({
  name: 'pl-pesel',
  category: 'PL_PESEL',
  pattern: PESEL,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate: (match) => (isPesel(match[0]) ? { confidence: 0.55 } : undefined),
})
