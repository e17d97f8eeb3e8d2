// UK_UTR: HMRC unique taxpayer reference, 10 digits with a leading weighted mod-11 check
// digit. One 10-digit number in eleven passes: alone it is reported at the detection floor
// (0.4, like a bare SIN or NHS number), under the policy floor (0.5), so a rule acts on it
// only with a tax context word near (0.9).
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
  validate: (match) => (isUtr(match[0].replace(/ /g, '')) ? { confidence: 0.4 } : undefined),
})
