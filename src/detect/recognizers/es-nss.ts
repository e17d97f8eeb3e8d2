// ES_NSS: número de la seguridad social, province (2), number (8), control = first ten mod
// 97. One 12-digit number in 97 passes, so a context word raises it above the floor.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const NSS = /(?<![\w-]|\d\.)\d{2}[ /-]?\d{8}[ /-]?\d{2}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'seguridad social',
  'nss',
  'afiliación',
  'afiliacion',
  'número de la seguridad',
])
const isNss = stdnumCheck('ES', 'nss')

export const esNss = definePattern({
  name: 'es-nss',
  category: 'ES_NSS',
  pattern: NSS,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const value = match[0].replace(/\D/g, '')
    return isNss(value) ? { confidence: 0.45, value } : undefined
  },
})
