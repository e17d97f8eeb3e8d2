// DE_HEALTH_INSURANCE: Krankenversichertennummer (KVNR): a letter and nine digits; the
// letter becomes two digits (A=01 … Z=26), then weights 1-2 alternate, products' digit
// sums are added, and the total mod 10 is the last digit (GKV-Spitzenverband).
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const KVNR = /(?<![A-Za-z0-9])[A-Z]\d{9}(?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  'kvnr',
  'krankenversichertennummer',
  'versichertennummer',
  'egk',
  'egk-nummer',
  'krankenkasse',
  'krankenversicherung',
])

/** GKV check digit of a KVNR. */
export function isKvnr(value: string): boolean {
  const letter = String(value.charCodeAt(0) - 64).padStart(2, '0')
  const digits = `${letter}${value.slice(1, 9)}`
  let sum = 0

  for (let i = 0; i < digits.length; i++) {
    const product = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 2)
    sum += product > 9 ? product - 9 : product
  }

  return sum % 10 === Number(value.charAt(9))
}

export const deHealthInsurance = definePattern({
  name: 'de-health-insurance',
  category: 'DE_HEALTH_INSURANCE',
  pattern: KVNR,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.3,
  validate: (match) => (isKvnr(match[0]) ? { confidence: 0.6 } : undefined),
})
