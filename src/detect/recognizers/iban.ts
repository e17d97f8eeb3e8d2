// IBAN: ISO 13616, two letters, two check digits, a country-specific BBAN; mod-97 and the
// registry length per country (ibantools holds the SWIFT registry).
import { countrySpecs, isValidIBAN } from 'ibantools'

import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { AFTER, BEFORE } from '../recognizer.js'

// At every token start, a lookahead captures the run of letters and digits in groups split
// by single spaces, dashes or a line break (an IBAN wrapped at the end of a line); the
// validator then takes exactly the country's length from its start. Trying each token start
// means a rejected run ("Ref AB12" before the IBAN on the next line) does not hide an IBAN
// inside it. Bounded: 34 chars is the longest IBAN, so each try looks at most about a
// hundred characters ahead. Letters of either case: ISO 13616 prints IBANs in capitals, but
// its mod-97 check reads a letter's value whatever its case, so a typed "gb82 west …" is
// the same account.
const IBAN_RUN = new RegExp(
  `${BEFORE}(?=([A-Za-z]{2}\\d{2}(?:(?:[ \\-]|\\r?\\n)?[A-Za-z0-9]){8,32})${AFTER})`,
  'g',
)
// Where IBAN_RUN may match: wrapped in look-arounds it is tried at every position of a
// window; its first four characters are found natively first (25 ms → 5 ms on the corpus).
const IBAN_START = /[A-Za-z]{2}\d{2}/g

// Written in other than capitals: the check is as strong, the form less usual (it is also
// how a lower-cased identifier would look), so a little less sure.
const NOT_CAPITALS_PENALTY = 0.05
// People type an IBAN in capitals, in lower case or with capitalised groups ("Gb82 West");
// a small letter right before a capital ("bANK") is how random identifiers and tokens look,
// not how anyone writes a bank code, so such a run is not taken for an IBAN.
const SMALL_BEFORE_CAPITAL = /[a-z][A-Z]/

const CONTEXT = contextWords(['iban', 'account', 'konto', 'compte', 'cuenta', 'bank', 'swift'])

// The registry's own examples: documentation IBANs. Still reported (they also appear in
// real invoices copied from templates), a little less sure.
const EXAMPLES = new Set(['GB82WEST12345698765432', 'DE89370400440532013000'])

function ibanLength(country: string): number | undefined {
  return countrySpecs[country]?.chars
}

export const iban = definePattern({
  name: 'iban',
  category: 'IBAN',
  pattern: IBAN_RUN,
  scope: 'digits',
  seek: IBAN_START,
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.05,
  validate(match) {
    const run = match[1] ?? ''
    const length = ibanLength(run.slice(0, 2).toUpperCase())
    if (length === undefined) return undefined

    let taken = 0
    let cut = 0
    while (cut < run.length && taken < length) {
      if (/[A-Za-z0-9]/.test(run.charAt(cut))) taken++
      cut++
    }

    const isWholeGroup = cut === run.length || /[ \-\r\n]/.test(run.charAt(cut))
    if (taken !== length || !isWholeGroup) return undefined

    if (SMALL_BEFORE_CAPITAL.test(run.slice(0, cut))) return undefined

    const written = run.slice(0, cut).replace(/[ \-\r\n]/g, '')
    const value = written.toUpperCase()
    if (!isValidIBAN(value)) return undefined

    const end = match.index + cut
    const base = EXAMPLES.has(value) ? 0.85 : 0.95
    const confidence = written === value ? base : base - NOT_CAPITALS_PENALTY
    return { confidence, value, end }
  },
})
