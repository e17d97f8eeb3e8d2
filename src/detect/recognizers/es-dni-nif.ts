// ES_DNI_NIF: documento nacional de identidad, 8 digits and a mod-23 letter.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

// The letter is printed in capitals; typed in lower case it checks the same (mod 23 picks a
// letter, not a case), and such a number is reported a little less sure.
const DNI = /(?<![A-Za-z0-9])\d{8}[- ]?[A-Za-z](?![A-Za-z0-9])/g
const CONTEXT = contextWords(['dni', 'nif', 'documento nacional', 'identidad'])
const isDni = stdnumCheck('ES', 'dni')

export const esDniNif = definePattern({
  name: 'es-dni-nif',
  category: 'ES_DNI_NIF',
  pattern: DNI,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.2,
  validate(match) {
    const written = match[0].replace(/[- ]/g, '')
    const value = written.toUpperCase()
    if (!isDni(value)) return undefined
    return { confidence: written === value ? 0.75 : 0.6, value }
  },
})
