import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import { describe, expect, it } from 'vitest'

import { isTakenAsWritten, mayBeValidNational } from './phone-national-patterns.js'
import { hasNationalPrefixIfRequired, lacksRequiredPrefix } from './phone-national-prefix.js'

function parseIn(candidate: string, region: string): ReturnType<typeof parsePhoneNumberFromString> {
  return parsePhoneNumberFromString(candidate, {
    defaultCountry: region as CountryCode,
    extract: false,
  })
}

function isValidIn(candidate: string, region: string): boolean {
  return parseIn(candidate, region)?.isValid() === true
}

// Every region libphonenumber knows: among them those with a national-prefix transform rule
// (AR, BR, MX) and calling codes shared by several countries (+1, +44, +7).
const REGIONS: readonly string[] = getCountries()
const CANDIDATES = [
  '020 7946 0958',
  '(415) 555-0132',
  '0917-123-4567',
  '9171234567',
  '030 1234567',
  '0044 20 7946 0958',
  '011 44 20 7946 0958',
  '44 20 7946 0958',
  '49 30 1234567',
  '0 11 15 2345 6789',
  '011 15 2345-6789',
  '0 21 11 98765 4321',
  '(11) 98765-4321',
  '01 55 1234 5678',
  '8 (495) 123-45-67',
  '1534 456789',
  '07797 123456',
  '98765 43210',
  '06 12 34 56 78',
  '123456789',
  '4711 0815 42',
  '20231105',
  // International dialling prefixes and calling codes written without "+".
  '0049 30 1234567',
  '00 33 1 23 45 67 89',
  '011 49 30 1234567',
  '0011 61 2 9876 5432',
  '00 800 1234 5678',
  '0044 7797 123456',
  '00 0 49 30 1234567',
  '353 1 234 5678',
  '1 415 555 0132',
  '1 (415) 555-0132',
  '86 10 1234 5678',
  '61 2 9876 5432',
  '0001234567',
]

describe('phone pre-test', () => {
  it('never rules out a number libphonenumber finds valid', () => {
    let valid = 0
    const missed = CANDIDATES.flatMap((candidate) =>
      REGIONS.filter((region) => {
        const digits = candidate.replace(/\D/g, '')
        if (!isValidIn(candidate, region)) return false
        valid++
        return !mayBeValidNational(candidate, digits, region)
      }).map((region) => `${candidate} in ${region}`),
    )

    expect(missed).toEqual([])
    expect(valid).toBeGreaterThan(50)
  })

  it('rules out numbers no country of the calling code has', () => {
    expect(mayBeValidNational('4711 0815 42', '4711081542', 'GB')).toBe(false)
    expect(mayBeValidNational('020 7946 0958', '02079460958', 'GB')).toBe(true)
  })

  it('reads a number after a dialling prefix as international', () => {
    expect(mayBeValidNational('0044 20 7946 0958', '00442079460958', 'DE')).toBe(true)
    expect(mayBeValidNational('0044 1234', '00441234', 'DE')).toBe(false)
    expect(mayBeValidNational('00 800 1234 5678', '0080012345678', 'DE')).toBe(true)
  })

  it('decides the national-prefix rule before the parse only as the parse would', () => {
    let decided = 0
    const wrong = CANDIDATES.flatMap((candidate) =>
      REGIONS.filter((region) => {
        const digits = candidate.replace(/\D/g, '')
        const phone = parseIn(candidate, region)
        if (phone?.isValid() !== true) return false
        if (!isTakenAsWritten(candidate, digits, region)) return false
        if (!lacksRequiredPrefix(digits, region)) return false
        decided++
        return hasNationalPrefixIfRequired(phone, digits)
      }).map((region) => `${candidate} in ${region}`),
    )

    expect(wrong).toEqual([])
    expect(decided).toBeGreaterThan(10)
  })
})
