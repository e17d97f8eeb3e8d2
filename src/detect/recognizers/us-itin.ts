// US_ITIN: IRS individual taxpayer ids, 9XX-GG-SSSS with group 50-65, 70-88, 90-92 or 94-99.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const GROUP = '(?:5\\d|6[0-5]|7\\d|8[0-8]|9[0-2]|9[4-9])'
const ITIN = new RegExp(
  `(?<![\\w-]|\\d\\.)9\\d{2}([- ]?)${GROUP}([- ]?)\\d{4}(?![\\w-]|\\.\\d)`,
  'g',
)
const CONTEXT = contextWords(['itin', 'taxpayer', 'tax id', 'tin', 'individual taxpayer'])

export const usItin = definePattern({
  name: 'us-itin',
  category: 'US_ITIN',
  pattern: ITIN,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.3,
  validate(match) {
    const [, first, second] = match
    const isConsistent = first === second
    // ITINs never collide with SSNs (area 9xx is never issued), so one separator is enough.
    const confidence = isConsistent ? (first === '' ? 0.4 : 0.85) : 0.45
    return { confidence }
  },
})
