// AU_TFN: tax file number, 8 or 9 digits, weights 1,4,3,7,5,8,6,9,10 mod 11. One number in
// eleven passes, so a tax context word is required.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const TFN = /(?<![\w-]|\d\.)\d{3} ?\d{3} ?\d{2,3}(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['tfn', 'tax file number', 'tax file no', 'ato'])
const isTfn = stdnumCheck('AU', 'tfn')

export const auTfn = definePattern({
  name: 'au-tfn',
  category: 'AU_TFN',
  pattern: TFN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.5,
  withoutContext: 0.3,
  validate(match) {
    const value = match[0].replace(/ /g, '')
    return isTfn(value) ? { confidence: 0.3, value } : undefined
  },
})
