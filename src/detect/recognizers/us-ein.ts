// US_EIN: employer identification numbers, NN-NNNNNNN with an IRS campus prefix.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const EIN = /(?<![\w-]|\d\.)\d{2}-?\d{7}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'ein',
  'fein',
  'employer identification',
  'employer id',
  'tax id',
  'irs',
])
const isEin = stdnumCheck('US', 'ein')

export const usEin = definePattern({
  name: 'us-ein',
  category: 'US_EIN',
  pattern: EIN,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    if (!isEin(match[0])) return undefined

    // Nine bare digits are anything; the 2-7 dash form is the EIN's own.
    return { confidence: match[0].includes('-') ? 0.55 : 0.2 }
  },
})
