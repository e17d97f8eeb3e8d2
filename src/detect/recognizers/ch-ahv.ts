// CH_AHV: AHV/AVS number 756.XXXX.XXXX.XX with an EAN-13 check digit. Printed with dots it
// is unmistakable; a bare 13-digit run starting 756 passes the check one time in ten and has
// the shape of an EAN-13 barcode, so it sits at the reporting floor until a context word
// lifts it.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const AHV = /(?<![\w.-])756(\.?)\d{4}\1\d{4}[. ]?\d{2}(?![\w-])/g
const CONTEXT = contextWords([
  'ahv',
  'avs',
  'ahv-nr',
  'ahv-nummer',
  'sozialversicherungsnummer',
  'numéro avs',
  'social security',
])
const isAhv = stdnumCheck('CH', 'ssn')

export const chAhv = definePattern({
  name: 'ch-ahv',
  category: 'CH_AHV',
  pattern: AHV,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const value = match[0].replace(/\D/g, '')
    if (!isAhv(value)) return undefined
    return { confidence: match[1] === '.' ? 0.85 : 0.4, value }
  },
})
