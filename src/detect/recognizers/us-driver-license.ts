// US_DRIVER_LICENSE: per-state formats overlap with every kind of reference number, so a
// licence context word is required (Presidio issue #1063: all-caps words and short codes).
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

// Union of the AAMVA state formats: letter + 3-14 digits, 2 letters + 5-12 digits, 7-13
// digits, and the dashed forms of FL/IL/WI (L###-###-##-###-#).
const US_DL =
  /(?<![\w-]|\d\.)(?:[A-Z]\d{3,14}|[A-Z]{2}\d{5,12}|\d{7,13}|[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z]\d{2}-\d{3}-\d{2}-\d{3}-\d)(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'driver license',
  "driver's license",
  'drivers license',
  'driver licence',
  "driver's licence",
  'driving license',
  'dl',
  'dl#',
  'dln',
  'license number',
  'licence number',
  'cdl',
])

export const usDriverLicense = definePattern({
  name: 'us-driver-license',
  category: 'US_DRIVER_LICENSE',
  pattern: US_DL,
  scope: 'digits',
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.35,
  withoutContext: 0.15,
  validate: () => ({ confidence: 0.35 }),
})
