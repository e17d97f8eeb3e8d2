// IE_PPSN: Irish personal public service number, 7 digits and a check letter (mod 23), with
// an optional second letter (A, B, H or W).
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

const PPSN = /(?<![A-Za-z0-9])\d{7}[A-Wa-w][A-Za-z]?(?![A-Za-z0-9])/g
const CONTEXT = contextWords(['ppsn', 'pps', 'pps number', 'personal public service'])
const isPps = stdnumCheck('IE', 'pps')

export const iePpsn = definePattern({
  name: 'ie-ppsn',
  category: 'IE_PPSN',
  pattern: PPSN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.25,
  validate: (match) => (isPps(match[0].toUpperCase()) ? { confidence: 0.7 } : undefined),
})
