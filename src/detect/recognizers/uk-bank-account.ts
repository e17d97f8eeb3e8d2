// UK_BANK_ACCOUNT: a sort code (NN-NN-NN) with an 8-digit account number next to it, in
// either order. A sort code alone looks like a date, so the pair is what is reported.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const SORT = '\\d{2}-\\d{2}-\\d{2}'
const LINK = '[\\s,;:/]{1,4}(?:(?:account|acct|a/c)(?: ?(?:no\\.?|number))?[\\s:]{0,3})?'
const LINK_BACK = '[\\s,;:/]{1,4}(?:sort ?code[\\s:]{0,3})?'
const PAIR = new RegExp(
  `(?<![\\w-]|\\d\\.)(?:${SORT}${LINK}\\d{8}|\\d{8}${LINK_BACK}${SORT})(?![\\w-]|\\.\\d)`,
  'gi',
)
const CONTEXT = contextWords(['sort code', 'account', 'acct', 'bank', 'a/c'])

// TODO: The VocaLink modulus check (sort-code-specific weights, published as a table that
// changes several times a year) is not applied, so any sort-code-shaped pair is reported;
// the pair shape and the context words are what keep dates and phone fragments out.

export const ukBankAccount = definePattern({
  name: 'uk-bank-account',
  category: 'UK_BANK_ACCOUNT',
  pattern: PAIR,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.3,
  validate: (match) => ({ confidence: 0.55, value: match[0].replace(/\D/g, '') }),
})
