// PHONE_NUMBER: telephone numbers of any region, validated with libphonenumber's full
// metadata (number length and prefix ranges per region and type). Numbers without a country
// code are tried in the deployment's regions (ScanSettings) and must carry the trunk prefix
// where their region always writes one (phone-national-prefix.ts).
import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max'

import { isRepeatedDigit, isSequentialDigits } from '../check-digits.js'
import { contextWords, hasContext } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { isDownRankedInLinks, isInsideRegion, LINK_PENALTY } from '../link-regions.js'
import type { ScanInput } from '../recognizer.js'
import {
  hasNationalPrefixIfRequired,
  lacksRequiredPrefix,
  mayBeNational,
} from './phone-national-prefix.js'
import { isTakenAsWritten, mayBeValidNational } from './phone-national-patterns.js'

// A number is digit groups and parenthesised area codes with at most one separator between
// them. `(?!\d)` makes each digit group maximal, so a run splits one way only: linear.
const ATOM = String.raw`(?:\(\d{1,5}\)|\d{1,14}(?!\d))`
const PHONE = new RegExp(
  String.raw`(?<![\w+.\-])(?:\+ ?)?${ATOM}(?:[ .\-]?${ATOM}){0,7}(?![\w])`,
  'g',
)

const CONTEXT = contextWords([
  'phone',
  'tel',
  'telephone',
  'mobile',
  'cell',
  'fax',
  'call',
  'whatsapp',
  'telefon',
  'handy',
  'tél',
  'téléphone',
  'portable',
  'móvil',
  'teléfono',
  'numara',
  'cep',
  'no',
])

// Dates written with dots, slashes or dashes (31.12.2024, 12/31/24, 2024-12-31) parse as
// phone numbers in regions with variable-length numbering; a valid day and month say date.
const DAY_MONTH_YEAR =
  /^(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:\d{2}|\d{4})$|^(?:0?[1-9]|1[0-2])([./-])(?:0?[1-9]|[12]\d|3[01])\2(?:\d{2}|\d{4})$/
const YEAR_MONTH_DAY = /^(?:19|20)\d{2}([./-])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])$/

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/

// extract: false — the candidate is already the number; libphonenumber's own search of the
// string for a number would double the cost.
function parse(candidate: string, region?: string): PhoneNumber | undefined {
  return parsePhoneNumberFromString(candidate, {
    defaultCountry: region as CountryCode | undefined,
    extract: false,
  })
}

const callingCodes = new Map<string, string>()

function callingCodeOf(region: string): string {
  let callingCode = callingCodes.get(region)
  if (callingCode === undefined) {
    callingCode = getCountryCallingCode(region as CountryCode)
    callingCodes.set(region, callingCode)
  }
  return callingCode
}

/** True when the candidate is a valid number, in one of `regions` when it has no "+". */
function isValidPhone(candidate: string, digits: string, regions: readonly string[]): boolean {
  if (candidate.startsWith('+')) return parse(candidate)?.isValid() === true

  // Regions that share a calling code (US and CA: +1) share one numbering plan: one parse
  // finds the number's region among them.
  const tried = new Set<string>()

  return regions.some((region) => {
    const callingCode = callingCodeOf(region)
    if (tried.has(callingCode) || !mayBeNational(digits, region)) return false
    tried.add(callingCode)
    if (!mayBeValidNational(candidate, digits, region)) return false
    // The national-prefix rule, where it can be decided before the parse.
    if (isTakenAsWritten(candidate, digits, region) && lacksRequiredPrefix(digits, region)) {
      return false
    }

    const phone = parse(candidate, region)
    if (phone?.isPossible() !== true || !phone.isValid()) return false
    return hasNationalPrefixIfRequired(phone, digits)
  })
}

const INTERNATIONAL = 0.75
const FORMATTED = 0.6
const PLAIN = 0.45

// A number without "+" inside a link with no context word near is at most FORMATTED less
// LINK_PENALTY in scanText: when that is under the floor, it is not worth a parse.
function isDroppedInLink(input: ScanInput, start: number, end: number): boolean {
  const { links, floor = 0 } = input
  return (
    links !== undefined &&
    links.length > 0 &&
    FORMATTED - LINK_PENALTY < floor &&
    isDownRankedInLinks('PHONE_NUMBER') &&
    isInsideRegion(links, start, end) &&
    !hasContext(input.text, start, end, CONTEXT)
  )
}

// The same number recurs in a message (a signature in every quoted reply, the HTML
// alternative of the text part); each is parsed once per detectAll call. The verdict depends
// on the candidate and the call's regions only.
function isValidPhoneOnce(input: ScanInput, candidate: string, digits: string): boolean {
  const memo = input.shared ?? input.memo
  let verdicts = memo.get('phone-verdicts') as Map<string, boolean> | undefined
  if (verdicts === undefined) {
    verdicts = new Map()
    memo.set('phone-verdicts', verdicts)
  }

  const known = verdicts.get(candidate)
  if (known !== undefined) return known

  const isValid = isValidPhone(candidate, digits, input.settings.phoneRegions)
  verdicts.set(candidate, isValid)
  return isValid
}

export const phoneNumber = definePattern({
  name: 'phone-number',
  category: 'PHONE_NUMBER',
  pattern: PHONE,
  scope: 'digits',
  // validate rejects numbers of fewer digits.
  minDigits: 7,
  evidence: 'structure',
  context: CONTEXT,
  contextBoost: 0.25,
  validate(match, input, offset) {
    const candidate = match[0]
    // Most matches are a short group ("2024", "10"): too short before counting digits.
    if (candidate.length < 7) return undefined
    const digits = candidate.replace(/\D/g, '')
    if (digits.length < 7 || digits.length > 15 || IPV4.test(candidate)) return undefined
    if (DAY_MONTH_YEAR.test(candidate) || YEAR_MONTH_DAY.test(candidate)) return undefined
    if (isSequentialDigits(digits) || isRepeatedDigit(digits)) return undefined
    const isInternational = candidate.startsWith('+')
    const start = offset + match.index
    if (!isInternational && isDroppedInLink(input, start, start + candidate.length)) {
      return undefined
    }
    if (!isValidPhoneOnce(input, candidate, digits)) return undefined

    const isFormatted = digits.length !== candidate.length
    const confidence = isInternational ? INTERNATIONAL : isFormatted ? FORMATTED : PLAIN
    return { confidence, value: digits }
  },
})
