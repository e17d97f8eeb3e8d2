// BE_NATIONAL_NUMBER: rijksregisternummer / numéro national and BIS numbers: birth date
// YYMMDD (BIS: month +20 or +40), serial, and 97 − (number mod 97), with "2" prefixed for
// births from 2000.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const NN = /(?<![\w-]|\d\.)\d{2}\.?\d{2}\.?\d{2}[- ]?\d{3}\.?\d{2}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'rijksregisternummer',
  'numéro national',
  'numero national',
  'nationaal nummer',
  'insz',
  'niss',
  'bis',
])
const isNn = stdnumCheck('BE', 'nn')
const isBis = stdnumCheck('BE', 'bis')

export const beNationalNumber = definePattern({
  name: 'be-national-number',
  category: 'BE_NATIONAL_NUMBER',
  pattern: NN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.3,
  validate(match) {
    const value = match[0].replace(/\D/g, '')
    return isNn(value) || isBis(value) ? { confidence: 0.6, value } : undefined
  },
})
