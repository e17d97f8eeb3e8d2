// DE_SOCIAL_SECURITY: Rentenversicherungsnummer, area (2), birth date DDMMYY, surname
// initial, serial (2), check digit; stdnum checks the date ranges and the DRV check digit.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const RVNR = /(?<![A-Za-z0-9])\d{2} ?\d{6} ?[A-Za-z] ?\d{3}(?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  'rvnr',
  'rentenversicherung',
  'sozialversicherungsnummer',
  'versicherungsnummer',
  'svnr',
])
const isSvnr = stdnumCheck('DE', 'svnr')

export const deSocialSecurity = definePattern({
  name: 'de-social-security',
  category: 'DE_SOCIAL_SECURITY',
  pattern: RVNR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.2,
  validate(match) {
    const value = match[0].replace(/ /g, '').toUpperCase()
    return isSvnr(value) ? { confidence: 0.75, value } : undefined
  },
})
