// BR_CPF: cadastro de pessoas físicas, 11 digits printed NNN.NNN.NNN-NN, two mod-11 check
// digits; all-equal numbers pass the arithmetic but are never issued.
import { isRepeatedDigit } from '../check-digits.js'
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const CPF = /(?<![\w.-])\d{3}(\.?)\d{3}\1\d{3}-?\d{2}(?![\w-])/g
const CONTEXT = contextWords(['cpf', 'cadastro de pessoas', 'contribuinte'])
const isCpf = stdnumCheck('BR', 'cpf')

export const brCpf = definePattern({
  name: 'br-cpf',
  category: 'BR_CPF',
  pattern: CPF,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.3,
  validate(match) {
    const value = match[0].replace(/\D/g, '')
    if (isRepeatedDigit(value) || !isCpf(value)) return undefined
    return { confidence: match[1] === '.' ? 0.8 : 0.45, value }
  },
})
