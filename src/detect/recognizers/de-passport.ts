// DE_PASSPORT: Reisepass serial, 9 characters starting C, F, G, H, J or K (see
// de-document-serial.ts); with the MRZ check digit appended it is reported on its own, the
// printed serial needs a passport word nearby.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { SERIAL_BODY, serialVerdict } from './de-document-serial.js'

const PASSPORT = new RegExp(
  `(?<![A-Za-z0-9])[CFGHJKcfghjk]${SERIAL_BODY}{8}\\d?(?![A-Za-z0-9])`,
  'g',
)
const CONTEXT = contextWords([
  'reisepass',
  'pass',
  'passnummer',
  'passport',
  'reisepassnummer',
  'passport number',
])

export const dePassport = definePattern({
  name: 'de-passport',
  category: 'DE_PASSPORT',
  pattern: PASSPORT,
  scope: 'digits',
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.4,
  validate: (match) => serialVerdict(match[0]),
})
