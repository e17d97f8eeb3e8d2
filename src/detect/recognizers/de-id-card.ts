// DE_ID_CARD: Personalausweis serial, 9 characters from the document alphabet (no vowels
// except in digits' place). Cards since 2010 print an ICAO 7-3-1 check digit as the ninth
// character of the machine-readable serial; older serials carry none.
import { contextWords } from '../context-words.js'
import { icaoCheckDigit } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const DOC = '[CFGHJKLMNPRTVWXYZ]'
const SERIAL = new RegExp(`(?<![A-Za-z0-9])${DOC}[CFGHJKLMNPRTVWXYZ0-9]{7}\\d(?![A-Za-z0-9])`, 'gi')
const CONTEXT = contextWords([
  'personalausweis',
  'ausweis',
  'ausweisnummer',
  'id card',
  'identity card',
  'perso',
])

// Older cards (before 2010): 10 digits and "D"; the MRZ line with number, birth and expiry
// dates and their check digits is also accepted as written on forms.
const LONG_FORM =
  /(?<![A-Za-z0-9])(?:[CFGHJKLMNPRTVWXYZ0-9]{9}\d ?\d{7} ?\d{7}[Dd] ?\d|\d{10}[Dd](?: ?\d{7} ?\d{7} ?\d)?)(?![A-Za-z0-9])/g
const isPwnr = stdnumCheck('DE', 'pwnr')

export const deIdCardLongForm = definePattern({
  name: 'de-id-card-long-form',
  category: 'DE_ID_CARD',
  pattern: LONG_FORM,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.15,
  validate(match) {
    const value = match[0].replace(/ /g, '').toUpperCase()
    return isPwnr(value) ? { confidence: 0.8, value } : undefined
  },
})

export const deIdCard = definePattern({
  name: 'de-id-card',
  category: 'DE_ID_CARD',
  pattern: SERIAL,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const value = match[0].toUpperCase()
    if (!/\d/.test(value.slice(1, 8))) return undefined

    const isChecked = icaoCheckDigit(value.slice(0, 8)) === Number(value.charAt(8))
    return { confidence: isChecked ? 0.5 : 0.3, value }
  },
})
