// DK_CPR: CPR-nummer DDMMYY-SSSS; the seventh digit and the year give the century. Since
// 2007 there is no mod-11 check, so a date and four digits need a context word.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const CPR = /(?<![\w-]|\d\.)\d{6}-?\d{4}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['cpr', 'cpr-nummer', 'cpr-nr', 'personnummer', 'sundhedskort'])
const isCpr = stdnumCheck('DK', 'cpr')

export const dkCpr = definePattern({
  name: 'dk-cpr',
  category: 'DK_CPR',
  pattern: CPR,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.4,
  withoutContext: 0.35,
  validate(match) {
    const value = match[0].replace(/-/g, '')
    return isCpr(value) ? { confidence: match[0].includes('-') ? 0.35 : 0.25, value } : undefined
  },
})
