// DE_PASSPORT: Reisepass serial, first letter C, F, G, H, J or K, 9 characters; the machine-
// readable zone appends an ICAO 7-3-1 check digit. A serial whose ninth character checks the
// first eight (as Presidio models it) or a 10-character form whose tenth checks the first
// nine is reported on its own; other serials need a passport word.
import { contextWords } from '../context-words.js'
import { icaoCheckDigit } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const PASSPORT =
  /(?<![A-Za-z0-9])[CFGHJKcfghjk][CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz0-9]{7}\d\d?(?![A-Za-z0-9])/g
const CONTEXT = contextWords(['reisepass', 'pass', 'passnummer', 'passport', 'reisepassnummer'])

export const dePassport = definePattern({
  name: 'de-passport',
  category: 'DE_PASSPORT',
  pattern: PASSPORT,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.35,
  validate(match) {
    const value = match[0].toUpperCase()
    if (!/\d/.test(value.slice(1, 9))) return undefined

    if (value.length === 10) {
      const isChecked10 = icaoCheckDigit(value.slice(0, 9)) === Number(value.charAt(9))
      return isChecked10 ? { confidence: 0.7, value: value.slice(0, 9) } : undefined
    }

    const isChecked = icaoCheckDigit(value.slice(0, 8)) === Number(value.charAt(8))
    return { confidence: isChecked ? 0.5 : 0.3, value }
  },
})
