// UK_DRIVING_LICENCE: DVLA 16 characters: surname (5, padded with 9), decade digit, birth
// month (+50 for women), day, year digit, two initials (9-padded), a digit, two check letters.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const MONTH = '(?:[05][1-9]|[16][0-2])'
const DAY = '(?:0[1-9]|[12]\\d|3[01])'
const UK_DL = new RegExp(
  `(?<![A-Za-z0-9])[A-Z][A-Z9]{4}\\d${MONTH}${DAY}\\d[A-Z9]{2}\\d[A-Z]{2}(?![A-Za-z0-9])`,
  'g',
)
const CONTEXT = contextWords(['driving licence', 'driving license', 'dvla', 'licence number'])

export const ukDrivingLicence = definePattern({
  name: 'uk-driving-licence',
  category: 'UK_DRIVING_LICENCE',
  pattern: UK_DL,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.1,
  validate: () => ({ confidence: 0.85 }),
})
