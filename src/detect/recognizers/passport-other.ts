// PASSPORT_OTHER: ICAO 9303 machine-readable zones (TD3 passports, 2×44; TD1 cards, 3×30)
// with their 7-3-1 check digits, and passport numbers of other countries next to the word.
import { contextWords } from '../context-words.js'
import { icaoCheckDigit } from '../check-digits.js'
import type { Candidate, Recognizer, ScanInput } from '../recognizer.js'

// TD3 line 2: number(9) check nationality(3) birth(6) check sex expiry(6) check optional(14)
// check composite.
const TD3_LINE2 =
  /(?<![A-Z0-9<])([A-Z0-9<]{9})(\d)[A-Z<]{3}(\d{6})(\d)[MFX<](\d{6})(\d)([A-Z0-9<]{14})([\d<])(\d)(?![A-Z0-9<])/g
// TD1 line 1: type(2) issuer(3) number(9) check optional(15).
const TD1_LINE1 = /(?<![A-Z0-9<])[AIC][A-Z<][A-Z<]{3}([A-Z0-9<]{9})(\d)[A-Z0-9<]{15}(?![A-Z0-9<])/g
const NUMBER_NEAR_WORD = /(?<![A-Za-z0-9])(?=[A-Z0-9]{0,8}\d)[A-Z0-9]{6,9}(?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  'passport',
  'passport number',
  'passport no',
  'reisepass',
  'passeport',
  'pasaporte',
  'passaporto',
  'paspoort',
])

function checks(field: string | undefined, digit: string | undefined): boolean {
  return field !== undefined && icaoCheckDigit(field) === Number(digit)
}

function findMrz(text: string, found: Candidate[]): void {
  for (const m of text.matchAll(TD3_LINE2)) {
    const [, number, c1, birth, c2, expiry, c3] = m
    if (!checks(number, c1) || !checks(birth, c2) || !checks(expiry, c3)) continue

    const lineStart = Math.max(0, text.lastIndexOf('\n', m.index - 2) + 1)
    const start = /^P[A-Z<]/.test(text.slice(lineStart, lineStart + 2)) ? lineStart : m.index
    found.push({
      start,
      end: m.index + m[0].length,
      value: number ?? '',
      confidence: 0.95,
      evidence: 'checksum',
    })
  }

  for (const m of text.matchAll(TD1_LINE1)) {
    if (!checks(m[1], m[2])) continue
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      value: m[1] ?? '',
      confidence: 0.9,
      evidence: 'checksum',
    })
  }
}

export const passportOther: Recognizer = {
  name: 'passport-other',
  category: 'PASSPORT_OTHER',
  find(input: ScanInput) {
    const found: Candidate[] = []
    const text = input.text

    if (text.includes('<<')) findMrz(text, found)

    if (!CONTEXT.test(text)) return found

    for (const window of input.windows) {
      for (const m of window.text.matchAll(NUMBER_NEAR_WORD)) {
        const start = window.start + m.index
        const end = start + m[0].length
        const near = text.slice(Math.max(0, start - 48), start)
        if (CONTEXT.test(near))
          found.push({
            start,
            end,
            value: m[0],
            confidence: 0.55,
            evidence: 'shape',
            hasContext: true,
          })
      }
    }

    return found
  },
}
