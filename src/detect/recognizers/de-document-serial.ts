// German document serials (BMI, "Alphanumerische Seriennummern", 2007 and 2010): 9
// characters from 0-9 and the consonants C F G H J K L M N P R T V W X Y Z, starting with a
// letter that names the document (C to K passports, L to Y identity cards). The serial
// printed on the document carries no check digit; the machine-readable zone appends an
// ICAO 7-3-1 check digit as a tenth character.
import { icaoCheckDigit } from '../check-digits.js'
import type { Verdict } from '../define-pattern.js'

/** The characters after the first one of a serial, as a regex class. */
export const SERIAL_BODY = '[CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz0-9]'

// The serial shape alone is a ticket or order reference as often as a document number.
const SERIAL_ALONE = 0.3
// With its check digit the value is the machine-readable form: one random string in ten
// passes, and it is rarely written except when copying a document.
const SERIAL_CHECKED = 0.7

/**
 * Verdict for a 9-character serial, or a 10-character one whose last digit checks the
 * first nine. Serials without a digit are words, not numbers.
 */
export function serialVerdict(raw: string): Verdict | undefined {
  const value = raw.toUpperCase()
  if (!/\d/.test(value.slice(1, 9))) return undefined
  if (value.length === 9) return { confidence: SERIAL_ALONE, value, evidence: 'shape' }

  const isChecked = icaoCheckDigit(value.slice(0, 9)) === Number(value.charAt(9))
  if (!isChecked) return undefined

  return { confidence: SERIAL_CHECKED, value: value.slice(0, 9), evidence: 'checksum' }
}
