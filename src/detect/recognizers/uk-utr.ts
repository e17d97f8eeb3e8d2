// UK_UTR: HMRC unique taxpayer reference, 10 digits with a leading weighted mod-11 check
// digit. One 10-digit number in eleven passes, so a tax context word is required.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const UTR = /(?<![\w-]|\d\.)\d{5} ?\d{5}(?![\w-]|\.\d)/g
const CONTEXT = contextWords([
  'utr',
  'unique taxpayer',
  'taxpayer reference',
  'self assessment',
  'hmrc',
])
const isUtr = stdnumCheck('GB', 'utr')

export const ukUtr = definePattern({
  name: 'uk-utr',
  category: 'UK_UTR',
  pattern: UTR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.5,
  withoutContext: 0.3,
  validate: (match) => (isUtr(match[0].replace(/ /g, '')) ? { confidence: 0.3 } : undefined),
})
