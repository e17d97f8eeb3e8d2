// UK_PASSPORT: 9 digits (older books) or 2 letters and 7 digits (from 2020); no public
// check digit, so a passport context word is required.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const UK_PASSPORT = /(?<![\w-]|\d\.)(?:[A-Z]{2}\d{7}|\d{9})(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'passport',
  'passport number',
  'passport no',
  'hm passport',
  'travel document',
])

export const ukPassport = definePattern({
  name: 'uk-passport',
  category: 'UK_PASSPORT',
  pattern: UK_PASSPORT,
  scope: 'digits',
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.45,
  withoutContext: 0.35,
  validate: (match) => ({ confidence: /^[A-Z]/.test(match[0]) ? 0.35 : 0.2 }),
})
