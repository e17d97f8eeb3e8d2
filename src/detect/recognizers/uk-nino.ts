// UK_NINO: two prefix letters, six digits, suffix A-D (HMRC NIM39110). stdnum knows the
// excluded prefixes (D, F, I, Q, U, V; BG, GB, NK, KN, TN, NT, ZZ; O second).

import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'
import { AFTER, BEFORE } from '../recognizer.js'

const NINO = new RegExp(`${BEFORE}[A-Za-z]{2} ?\\d{2} ?\\d{2} ?\\d{2}(?: ?[A-Da-d])?${AFTER}`, 'g')

const CONTEXT = contextWords(['national insurance', 'nino', 'ni number', 'ni no', 'nin'])
const isNino = stdnumCheck('GB', 'nino')

export const ukNino = definePattern({
  name: 'uk-nino',
  category: 'UK_NINO',
  pattern: NINO,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.15,
  validate(match) {
    const value = match[0].replace(/ /g, '').toUpperCase()
    if (!isNino(value)) return undefined

    // The suffix letter is optional on forms; without it the shape is less distinctive.
    return { confidence: value.length === 9 ? 0.8 : 0.55, value }
  },
})
