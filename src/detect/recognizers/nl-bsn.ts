// NL_BSN: burgerservicenummer, 9 digits, "11-proef" (weights 9..2 and −1). One 9-digit
// number in eleven passes: alone it is reported at the detection floor (0.4; dotted 4-2-3,
// as municipalities print it, 0.45), under the policy floor (0.5), so context decides what a
// rule acts on.
import { contextWords } from '../context-words.js'
import { isRepeatedDigit } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const BSN = /(?<![\w-]|\d\.)(?:\d{4}\.\d{2}\.\d{3}|\d{8,9})(?![\w-]|\.\d)/g
const CONTEXT = contextWords(['bsn', 'burgerservicenummer', 'sofinummer', 'sofi', 'persoonsnummer'])
const isBsn = stdnumCheck('NL', 'bsn')

export const nlBsn = definePattern({
  name: 'nl-bsn',
  category: 'NL_BSN',
  pattern: BSN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.5,
  validate(match) {
    const value = match[0].replace(/\./g, '').padStart(9, '0')
    if (isRepeatedDigit(value) || !isBsn(value)) return undefined
    return { confidence: match[0].includes('.') ? 0.45 : 0.4, value }
  },
})
