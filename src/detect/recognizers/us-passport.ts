// US_PASSPORT: 9 digits (book) or a letter and 8 digits (card, next-generation book). The
// shape is any number, so only a passport context word makes it one.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const US_PASSPORT = /(?<![\w-]|\d\.)(?:[A-Z]\d{8}|\d{9})(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'passport',
  'passport number',
  'passport no',
  'passport#',
  'travel document',
])

export const usPassport = definePattern({
  name: 'us-passport',
  category: 'US_PASSPORT',
  pattern: US_PASSPORT,
  scope: 'digits',
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.5,
  withoutContext: 0.2,
  validate: () => ({ confidence: 0.35 }),
})
