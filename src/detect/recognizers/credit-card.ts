// CREDIT_CARD: payment card numbers (PAN), 12 to 19 digits, Luhn plus issuer (IIN) ranges.
import { contextWords, hasContext } from '../context-words.js'
import { isLuhnValid, isRepeatedDigit } from '../check-digits.js'
import { definePattern } from '../define-pattern.js'
import { AFTER, BEFORE, type ScanInput } from '../recognizer.js'
import { IMEI_CONTEXT, isImei, isWrittenAsImei } from './imei.js'

// Printed forms: 4-4-4-4(-1..3) and the shorter 4-4-4-1..3 (13-digit Visa, 14-digit Diners
// as 4-4-4-2) with one separator style (a line break may also split it), Amex/Diners 4-6-4/5,
// or a plain run. Every repetition consumes a digit: linear time.
const GROUPED = String.raw`\d{4}([ \-.])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?`
const GROUPED_WRAPPED = String.raw`\d{4}[ \-]?\d{4}[ \-]?\r?\n\d{4}[ \-]?\d{4}`
const AMEX_STYLE = String.raw`\d{4}([ \-])\d{6}\2\d{4,5}`
const PLAIN = String.raw`\d{12,19}`
export const CARD_PATTERN = new RegExp(
  `${BEFORE}(?:${GROUPED}|${AMEX_STYLE}|${GROUPED_WRAPPED}|${PLAIN})${AFTER}`,
  'g',
)

const CONTEXT = contextWords([
  'card',
  'credit',
  'debit',
  'visa',
  'mastercard',
  'amex',
  'american express',
  'discover',
  'jcb',
  'diners',
  'maestro',
  'cc',
  'ccn',
  'pan',
  'kreditkarte',
  'karte',
  'carte',
  'tarjeta',
  'carta',
  'payment',
  'pay',
])

// Public test numbers from processors' documentation. Real mail carries them too (and the
// shared cases require them), so they are reported, a little less sure.
const TEST_PANS = new Set([
  '4111111111111111',
  '4012888888881881',
  '5555555555554444',
  '378282246310005',
  '6011111111111117',
  '3530111333300000',
  '30569309025904',
  '4242424242424242',
])

interface Brand {
  readonly prefix: RegExp
  readonly lengths: readonly number[]
}

// IIN ranges per ISO/IEC 7812 and the networks' published tables.
const BRANDS: readonly Brand[] = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  { prefix: /^(?:5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^(?:6011|64[4-9]|65|622)/, lengths: [16, 17, 18, 19] },
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] },
  { prefix: /^(?:50|5[6-9]|6[0-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
  { prefix: /^1/, lengths: [15] },
]

/** True when `digits` is a Luhn-valid number in a known issuer range and length. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 12 || digits.length > 19 || isRepeatedDigit(digits)) return false
  if (!isLuhnValid(digits)) return false

  return BRANDS.some((b) => b.prefix.test(digits) && b.lengths.includes(digits.length))
}

export const creditCard = definePattern({
  name: 'credit-card',
  category: 'CREDIT_CARD',
  pattern: CARD_PATTERN,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.1,
  validate(match, input, offset) {
    const digits = match[0].replace(/\D/g, '')
    if (!isCardNumber(digits)) return undefined
    // categories.md: a 15-digit Luhn number may be an IMEI. Written as IMEIs are, next to an
    // IMEI word and no card word, it is left to the IMEI recognizer (imei.ts); grouped as a
    // card (4-4-4-3, 4-6-5) it stays a card whatever word is near.
    if (isImei(digits) && isWrittenAsImei(match[0])) {
      const start = offset + match.index
      const end = start + match[0].length
      const saysDevice = hasContext(input.text, start, end, IMEI_CONTEXT)
      if (saysDevice && !hasContext(input.text, start, end, CONTEXT)) return undefined
    }

    const isFormatted = digits.length !== match[0].length
    const base = isFormatted ? 0.9 : 0.85
    return { confidence: TEST_PANS.has(digits) ? base - 0.05 : base, value: digits }
  },
})

/** Card numbers of a scan, shared with CARD_EXPIRY_CVV (memoised per scan). */
export function findCards(input: ScanInput): readonly { start: number; end: number }[] {
  const cached = input.memo.get('cards') as { start: number; end: number }[] | undefined
  if (cached !== undefined) return cached

  const cards = creditCard.find(input).map((c) => ({ start: c.start, end: c.end }))
  input.memo.set('cards', cards)
  return cards
}
