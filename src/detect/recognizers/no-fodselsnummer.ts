// NO_FODSELSNUMMER: fødselsnummer and D-nummer, DDMMYY + 3 serial digits + two mod-11 check
// digits (weights 3-7-6-1-8-9-4-5-2 and 5-4-3-2-7-6-5-4-3-2).
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const FNR = /(?<![\w-]|\d\.)\d{6} ?\d{5}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['fødselsnummer', 'fodselsnummer', 'personnummer', 'd-nummer', 'fnr'])
const isFnr = stdnumCheck('NO', 'fodselsnummer')

export const noFodselsnummer = definePattern({
  name: 'no-fodselsnummer',
  category: 'NO_FODSELSNUMMER',
  pattern: FNR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.3,
  validate(match) {
    const value = match[0].replace(/ /g, '')
    return isFnr(value) ? { confidence: 0.6, value } : undefined
  },
})
