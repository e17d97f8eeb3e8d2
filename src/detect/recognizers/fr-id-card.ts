// FR_ID_CARD: carte nationale d'identité, 12 digits (1988-2021) or 9 letters and digits
// (since 2021). Neither has a public check digit, so a context word is required.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

// The leading look-ahead names the first character's class: it lets the engine skip
// positions before trying the boundary and the inner look-ahead (a third faster here).
const CNI = /(?=[A-Z0-9])(?<![A-Za-z0-9])(?:\d{12}|(?=[A-Z0-9]{0,8}\d)[A-Z0-9]{9})(?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  "carte d'identité",
  "carte d'identite",
  'carte nationale',
  'cni',
  "pièce d'identité",
  "piece d'identite",
  'french id card',
  'french identity card',
])

export const frIdCard = definePattern({
  name: 'fr-id-card',
  category: 'FR_ID_CARD',
  pattern: CNI,
  scope: 'digits',
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.4,
  withoutContext: 0.15,
  validate: () => ({ confidence: 0.35 }),
})
