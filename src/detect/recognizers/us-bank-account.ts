// US_BANK_ACCOUNT: US account numbers have no format or check digit (8 to 17 digits), so
// only an account context word makes a long number one.
import { contextWords } from '../context-words.js'
import { isRepeatedDigit } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'

const ACCOUNT = /(?<![\w-]|\d\.)\d{8,17}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'account',
  'account number',
  'acct',
  'acct#',
  'a/c',
  'checking',
  'savings',
  'bank account',
  'account no',
  'deposit',
])

export const usBankAccount = definePattern({
  name: 'us-bank-account',
  category: 'US_BANK_ACCOUNT',
  pattern: ACCOUNT,
  scope: 'digits',
  evidence: 'shape',
  context: CONTEXT,
  contextBoost: 0.3,
  withoutContext: 0.15,
  validate: (match) => (isRepeatedDigit(match[0]) ? undefined : { confidence: 0.35 }),
})
