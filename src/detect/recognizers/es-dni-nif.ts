// ES_DNI_NIF: documento nacional de identidad, 8 digits and a mod-23 letter.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const DNI = /(?<![A-Za-z0-9])\d{8}[- ]?[A-Z](?![A-Za-z0-9])/g
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
    const value = match[0].replace(/[- ]/g, '')
    return isDni(value) ? { confidence: 0.75, value } : undefined
  },
})
