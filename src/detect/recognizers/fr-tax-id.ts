// FR_TAX_ID: numéro fiscal (SPI), 13 digits, first 0-3, last three = first ten mod 511.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const SPI = /(?<![\w-]|\d\.)[0-3]\d ?\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'numéro fiscal',
  'numero fiscal',
  'spi',
  'nif',
  'référence fiscale',
  'impots',
  'impôts',
])
const isSpi = stdnumCheck('FR', 'nif')

export const frTaxId = definePattern({
  name: 'fr-tax-id',
  category: 'FR_TAX_ID',
  pattern: SPI,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.3,
  validate(match) {
    const value = match[0].replace(/ /g, '')
    if (/^0+$/.test(value) || !isSpi(value)) return undefined
    return { confidence: 0.6, value }
  },
})
