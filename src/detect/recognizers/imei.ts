// IMEI (P2): a mobile device's identity, 15 digits (3GPP TS 23.003 §6.2.1): an 8-digit type
// allocation code whose first two digits name the reporting body that issued it, a 6-digit
// serial, and a Luhn check digit. One 15-digit number in ten passes Luhn, and order and
// parcel numbers are as long, so a bare one stays under the floor (0.3); next to "IMEI" or a
// like word it is a finding (0.85). A 15-digit card number in an issuer range passes the same
// check: written as an IMEI, with an IMEI word near and no card word, the card recognizer steps
// back (credit-card.ts), so the value is reported once, as what its context says it is; with
// both words near, it is reported as both.
import { isLuhnValid, isRepeatedDigit } from '../check-digits.js'
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { AFTER, BEFORE } from '../recognizer.js'

// Printed as one run, as TAC-SNR-CD (8-6-1), or as AA-BBBBBB-CCCCCC-D (2-6-6-1), with spaces,
// dashes or slashes.
const IMEI_FORMS = String.raw`\d{15}|\d{8}([ /-])\d{6}\1\d|\d{2}([ /-])\d{6}\2\d{6}\2\d`
const IMEI_PATTERN = new RegExp(`${BEFORE}(?:${IMEI_FORMS})${AFTER}`, 'g')
const IMEI_WRITTEN = new RegExp(`^(?:${IMEI_FORMS})$`)

/** True when `written` is in one of the ways an IMEI is written (not a card's 4-4-4-3). */
export function isWrittenAsImei(written: string): boolean {
  return IMEI_WRITTEN.test(written)
}

/** Words that say a number near them is a device identity. */
export const IMEI_CONTEXT = contextWords([
  'imei',
  'imei number',
  'imei-nummer',
  'numéro imei',
  'número imei',
  'device id',
  'mobile equipment identity',
  'handset serial',
])

// GSMA reporting bodies (the first two TAC digits) that have issued codes.
const REPORTING_BODIES: ReadonlySet<string> = new Set([
  '01',
  '10',
  '30',
  '33',
  '35',
  '44',
  '45',
  '49',
  '50',
  '51',
  '52',
  '53',
  '54',
  '86',
  '91',
  '98',
  '99',
])

/** True for 15 digits that can be an IMEI: a known reporting body and a valid Luhn digit. */
export function isImei(digits: string): boolean {
  return (
    digits.length === 15 &&
    REPORTING_BODIES.has(digits.slice(0, 2)) &&
    !isRepeatedDigit(digits) &&
    isLuhnValid(digits)
  )
}

export const imei = definePattern({
  name: 'imei',
  category: 'IMEI',
  pattern: IMEI_PATTERN,
  scope: 'digits',
  evidence: 'checksum',
  context: IMEI_CONTEXT,
  contextBoost: 0.55,
  validate(match) {
    const digits = match[0].replace(/\D/g, '')
    return isImei(digits) ? { confidence: 0.3, value: digits } : undefined
  },
})
