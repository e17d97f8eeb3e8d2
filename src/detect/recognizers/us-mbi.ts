// US_MBI: Medicare beneficiary identifier, 11 characters in fixed classes (CMS): digit 1-9,
// letters without S L O I B Z, alphanumerics, digits; printed 4-3-4 with dashes or bare.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const L = '[AC-HJKMNP-RT-Yac-hjkmnp-rt-y]'
const AN = '[AC-HJKMNP-RT-Yac-hjkmnp-rt-y0-9]'
const MBI = new RegExp(
  `(?<![A-Za-z0-9-])[1-9]${L}${AN}\\d(-?)${L}${AN}\\d\\1${L}{2}\\d{2}(?![A-Za-z0-9-])`,
  'g',
)
const CONTEXT = contextWords(['medicare', 'mbi', 'beneficiary', 'patient'])

export const usMbi = definePattern({
  name: 'us-mbi',
  category: 'US_MBI',
  pattern: MBI,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.2,
  validate: (match) => ({ confidence: match[1] === '-' ? 0.75 : 0.5 }),
})
