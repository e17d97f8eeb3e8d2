// ES_NIE: número de identidad de extranjero, X/Y/Z, 7 digits, mod-23 letter.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const NIE = /(?<![A-Za-z0-9])[XYZxyz][- ]?\d{7}[- ]?[A-Za-z](?![A-Za-z0-9])/g
const CONTEXT = contextWords(['nie', 'extranjero', 'identificación de extranjero', 'foreigner'])
const isNie = stdnumCheck('ES', 'nie')

export const esNie = definePattern({
  name: 'es-nie',
  category: 'ES_NIE',
  pattern: NIE,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.2,
  validate(match) {
    const value = match[0].replace(/[- ]/g, '').toUpperCase()
    return isNie(value) ? { confidence: 0.75, value } : undefined
  },
})
