// US_SSN: area-group-serial. SSA rules: area not 000, 666 or 900-999; group not 00; serial
// not 0000. Numbers the SSA voided after they were printed in advertising are rejected.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

// One delimiter style throughout (backreference), no digit or dash glued to either end.
const SSN = /(?<![\w-]|\d\.)(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\w-]|\.\d)/g

const CONTEXT = contextWords(['ssn', 'ssns', 'social security', 'social sec', 'ss#', 'ssid'])

// 078-05-1120 (Woolworth wallet card, 1938), 219-09-9999 (SSA pamphlet), 123-45-6789.
const VOIDED = new Set(['078051120', '219099999', '123456789'])

/** True when a 9-digit string obeys the SSA area/group/serial rules. */
export function isSsnStructure(digits: string): boolean {
  const area = digits.slice(0, 3)
  const group = digits.slice(3, 5)
  const serial = digits.slice(5)

  const isBadArea = area === '000' || area === '666' || area.startsWith('9')
  return !isBadArea && group !== '00' && serial !== '0000' && !VOIDED.has(digits)
}

export const usSsn = definePattern({
  name: 'us-ssn',
  category: 'US_SSN',
  pattern: SSN,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.4,
  validate(match) {
    const digits = `${match[1]}${match[3]}${match[4]}`
    if (!isSsnStructure(digits)) return undefined

    // Without separators nine digits are anything (order numbers, ZIP+4): context decides.
    return { confidence: match[2] === '' ? 0.3 : 0.85, value: digits }
  },
})
