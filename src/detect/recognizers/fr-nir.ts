// FR_NIR: numéro de sécurité sociale (INSEE), sex, year, month, department (2A/2B for
// Corsica), commune, order, and key = 97 − (number mod 97).
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const NIR =
  /(?<![A-Za-z0-9])[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  'sécurité sociale',
  'securite sociale',
  'nir',
  'insee',
  'numéro de sécu',
  'carte vitale',
])
const isNir = stdnumCheck('FR', 'nir')

export const frNir = definePattern({
  name: 'fr-nir',
  category: 'FR_NIR',
  pattern: NIR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.15,
  validate(match) {
    const value = match[0].replace(/ /g, '').toUpperCase()
    return isNir(value) ? { confidence: 0.8, value } : undefined
  },
})
