// SWIFT_BIC: ISO 9362 business identifier code, bank (4 letters), ISO 3166 country, location
// (2), optional branch (3). Eight capitals are often just a word, so bank context is needed.
import { isValidBIC } from 'ibantools'

import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { hintWords, mentionsAny } from '../recognizer.js'

const BIC = /(?<![A-Za-z0-9])[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  'bic',
  'swift',
  'swift code',
  'bic code',
  'sort code',
  'bank',
  'iban',
])
const QUICK = /\b(?:bic|swift)\b/i
// QUICK's words for the shared hint pass, which rules out most texts without a search of
// their own (a match of QUICK holds one of them in ASCII letters, which lower-casing keeps).
const QUICK_HINTS = hintWords(['bic', 'swift'])

export const swiftBic = definePattern({
  name: 'swift-bic',
  category: 'SWIFT_BIC',
  pattern: BIC,
  scope: 'all',
  evidence: 'structure',
  quickCheck: (input) => mentionsAny(input, QUICK_HINTS) && QUICK.test(input.text),
  context: CONTEXT,
  contextBoost: 0.45,
  withoutContext: 0.2,
  validate: (match) => (isValidBIC(match[0]) ? { confidence: 0.35 } : undefined),
})
