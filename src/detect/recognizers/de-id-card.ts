// DE_ID_CARD: Personalausweis. Cards since 2010 have a 9-character serial starting L, M,
// N, P, R, T, V, W, X or Y (see de-document-serial.ts): reported on its own with the MRZ
// check digit appended, with an identity-card word nearby otherwise.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'
import { SERIAL_BODY, serialVerdict } from './de-document-serial.js'

const SERIAL = new RegExp(
  `(?<![A-Za-z0-9])[LMNPRTVWXYlmnprtvwxy]${SERIAL_BODY}{8}\\d?(?![A-Za-z0-9])`,
  'g',
)
const CONTEXT = contextWords([
  'personalausweis',
  'personalausweisnummer',
  'ausweis',
  'ausweisnummer',
  'ausweisdokument',
  'id card',
  'identity card',
  'perso',
])

// Older cards (before 2010): 10 digits and "D"; the MRZ line with number, birth and expiry
// dates and their check digits is also accepted as written on forms.
// The leading look-ahead names the first character's class, so the engine skips other
// positions before trying the boundary (a fifth faster on mail text).
const LONG_FORM =
  /(?=[CFGHJKLMNPRTVWXYZ0-9])(?<![A-Za-z0-9])(?:[CFGHJKLMNPRTVWXYZ0-9]{9}\d ?\d{7} ?\d{7}[Dd] ?\d|\d{10}[Dd](?: ?\d{7} ?\d{7} ?\d)?)(?![A-Za-z0-9])/g
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
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.4,
  validate: (match) => serialVerdict(match[0]),
})
