// IT_FISCAL_CODE: codice fiscale, 16 characters: surname and name letters, birth year,
// month letter, day (+40 for women), municipality, check letter; omocodia letters may
// replace digits. stdnum checks the odd/even tables.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const D = '[0-9LMNPQRSTUVlmnpqrstuv]'
const CF = new RegExp(
  `(?<![A-Za-z0-9])[A-Za-z]{6}${D}{2}[ABCDEHLMPRSTabcdehlmprst]${D}{2}[A-Za-z]${D}{3}[A-Za-z](?![A-Za-z0-9])`,
  'g',
)
const CONTEXT = contextWords(['codice fiscale', 'cf', 'c.f', 'fiscal code', 'tessera sanitaria'])
const isCodiceFiscale = stdnumCheck('IT', 'codicefiscale')

export const itFiscalCode = definePattern({
  name: 'it-fiscal-code',
  category: 'IT_FISCAL_CODE',
  pattern: CF,
  // Seven digit positions, of which omocodia replaces at most a few: every real code has
  // digits, so it lies in a digit window.
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.1,
  validate(match) {
    const value = match[0].toUpperCase()
    return isCodiceFiscale(value) ? { confidence: 0.85, value } : undefined
  },
})
