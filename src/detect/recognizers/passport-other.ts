// PASSPORT_OTHER: ICAO 9303 machine-readable zones (TD3 passports, 2×44; TD1 cards, 3×30)
// with their 7-3-1 check digits, and passport numbers of other countries next to the word.
import { contextWords } from '../context-words.js'
import { icaoCheckDigit } from '../check-digits.js'
import {
  hintWords,
  mentionsAny,
  type Candidate,
  type Recognizer,
  type ScanInput,
} from '../recognizer.js'

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

// A zone may begin inside a token; a match must begin where the token does.
const isTokenStart = (text: string, at: number): boolean => !/[A-Z0-9<]/.test(text.charAt(at - 1))

function findMrzIn(text: string, from: number, to: number, found: Candidate[]): void {
  const zone = text.slice(from, to)

  // exec, not matchAll, which copies its pattern on every call (once per "<<" here).
  TD3_LINE2.lastIndex = 0
  for (let m = TD3_LINE2.exec(zone); m !== null; m = TD3_LINE2.exec(zone)) {
    const [, number, c1, birth, c2, expiry, c3] = m
    if (!checks(number, c1) || !checks(birth, c2) || !checks(expiry, c3)) continue

    const at = from + m.index
    if (!isTokenStart(text, at)) continue
    // The name line above (44 characters) starts within 46 before this one.
    const sliceStart = Math.max(0, at - 46)
    const newline = text.slice(sliceStart, Math.max(0, at - 1)).lastIndexOf('\n')
    const lineStart = newline !== -1 ? sliceStart + newline + 1 : sliceStart === 0 ? 0 : -1
    const isNameLine = lineStart >= 0 && /^P[A-Z<]/.test(text.slice(lineStart, lineStart + 2))
    const start = isNameLine ? lineStart : at
    const end = at + m[0].length
    found.push({ start, end, value: number ?? '', confidence: 0.95, evidence: 'checksum' })
  }

  TD1_LINE1.lastIndex = 0
  for (let m = TD1_LINE1.exec(zone); m !== null; m = TD1_LINE1.exec(zone)) {
    const start = from + m.index
    if (!checks(m[1], m[2]) || !isTokenStart(text, start)) continue
    const end = start + m[0].length
    found.push({ start, end, value: m[1] ?? '', confidence: 0.9, evidence: 'checksum' })
  }
}

// Every MRZ has "<<" (in the name line, or as fillers), and its lines are 30 to 44
// characters long: only the stretch from 90 before a "<<" to 180 after it, within that line
// and the next, is searched, so a long line with a stray "<<" costs little.
const MRZ_BEFORE = 90
const MRZ_AFTER = 180

function findMrz(text: string, found: Candidate[]): void {
  let zoneEnd = -1

  for (let at = text.indexOf('<<'); at !== -1; at = text.indexOf('<<', Math.max(at + 2, zoneEnd))) {
    // Line breaks are looked for inside the zone only, so a long line costs its zone.
    const before = text.slice(Math.max(0, at - MRZ_BEFORE), at)
    const after = text.slice(at, Math.min(text.length, at + MRZ_AFTER))
    const lineStart = at - before.length + before.lastIndexOf('\n') + 1
    const lineEnd = after.indexOf('\n')
    const nextEnd = lineEnd === -1 ? -1 : after.indexOf('\n', lineEnd + 1)

    const start = Math.max(lineStart, zoneEnd)
    zoneEnd = at + (nextEnd === -1 ? after.length : nextEnd)
    findMrzIn(text, start, zoneEnd, found)
  }
}

// How far after a passport word its number may start ("passport no.: X1234567").
const REACH = 48
const CONTEXT_ALL = new RegExp(CONTEXT.source, 'giu')
// Every context word holds one of these once lower-cased (the hint pass reads the long s,
// which the `iu` flags match as "s", as "s"): a text holding none has no word to search from.
const CONTEXT_HINTS = hintWords([
  'passport',
  'reisepass',
  'passeport',
  'pasaporte',
  'passaporto',
  'paspoort',
])

// A number counts only shortly after a passport word, so the words are found first and
// only the stretch after each is searched: the words are rare, numbers are everywhere.
function findNumbersAfterWords(text: string, found: Candidate[]): void {
  const seen = new Set<number>()

  for (const word of text.matchAll(CONTEXT_ALL)) {
    const from = word.index + word[0].length
    const stretch = text.slice(from, Math.min(text.length, word.index + REACH + 9))

    for (const m of stretch.matchAll(NUMBER_NEAR_WORD)) {
      const start = from + m.index
      const end = start + m[0].length
      const isWholeToken = !/[A-Za-z0-9]/.test(text.charAt(start - 1) + text.charAt(end))
      if (!isWholeToken || start - word.index > REACH || seen.has(start)) continue

      seen.add(start)
      found.push({ start, end, value: m[0], confidence: 0.55, evidence: 'shape', hasContext: true })
    }
  }
}

export const passportOther: Recognizer = {
  name: 'passport-other',
  category: 'PASSPORT_OTHER',
  find(input: ScanInput) {
    const found: Candidate[] = []
    const text = input.text

    if (text.includes('<<')) findMrz(text, found)

    if (mentionsAny(input, CONTEXT_HINTS)) findNumbersAfterWords(text, found)
    return found
  },
}
