// IN_PAN: permanent account number, 5 letters (the 4th is the holder type: P person,
// C company, H HUF, F firm, A AOP, T trust, B BOI, L local authority, J juridical, G
// government), 4 digits, a letter.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const PAN = /(?<![A-Za-z0-9])[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![A-Za-z0-9])/g
const CONTEXT = contextWords(['pan', 'permanent account number', 'income tax', 'pan card'])

export const inPan = definePattern({
  name: 'in-pan',
  category: 'IN_PAN',
  pattern: PAN,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.3,
  validate: () => ({ confidence: 0.55 }),
})
