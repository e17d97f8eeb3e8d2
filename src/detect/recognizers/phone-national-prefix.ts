// libphonenumber's "national prefix present if required" rule (PhoneNumberMatcher, leniency
// VALID in the Java and Python ports; libphonenumber-js skips it "for simplicity"). A
// number written without a country code must start with the region's trunk prefix when
// that region always writes it: "9171234567" is not how anyone in the Philippines writes
// 0917 123 4567, nor "945456787654" a German number. Without this rule nearly any run of
// digits is a valid number in some region with variable-length numbering.
import type { PhoneNumber } from 'libphonenumber-js/core'

import { metadata, planOf } from './phone-metadata.js'

/** A national format of a country, its patterns compiled once. */
interface Format {
  /** The last leading-digits pattern, anchored at the start; undefined: any number. */
  readonly leading: RegExp | undefined
  /** The format pattern, anchored at both ends. */
  readonly whole: RegExp
  /** Formatting in national format writes the trunk prefix, and it may not be left out. */
  readonly requiresPrefix: boolean
}

const formatsByCountry = new Map<string, readonly Format[]>()

function formatsOf(country: string): readonly Format[] {
  const known = formatsByCountry.get(country)
  if (known !== undefined) return known

  const formats = planOf(country)
    .formats()
    .map((f): Format => {
      const last = f.leadingDigitsPatterns().at(-1)
      return {
        leading: last === undefined ? undefined : new RegExp(`^(?:${last})`),
        whole: new RegExp(`^(?:${f.pattern()})$`),
        requiresPrefix:
          f.usesNationalPrefix() && !f.nationalPrefixIsOptionalWhenFormattingInNationalFormat(),
      }
    })
  formatsByCountry.set(country, formats)
  return formats
}

// The format libphonenumber would pick for this national number (format.js,
// chooseFormatForNumber): the last leading-digits pattern must match at the start and the
// format pattern the whole number.
function formatFor(country: string, nationalNumber: string): Format | undefined {
  return formatsOf(country).find(
    (f) =>
      (f.leading === undefined || f.leading.test(nationalNumber)) && f.whole.test(nationalNumber),
  )
}

/**
 * False when `phone`, parsed from `digits` written without a country code, lacks the
 * national prefix its region always writes.
 */
export function hasNationalPrefixIfRequired(phone: PhoneNumber, digits: string): boolean {
  const isPrefixWritten = digits !== phone.nationalNumber
  if (isPrefixWritten || phone.country === undefined) return true

  return formatFor(phone.country, phone.nationalNumber)?.requiresPrefix !== true
}

/**
 * True when `digits`, which libphonenumber takes as written for the national number of a
 * number in `region` (isTakenAsWritten in phone-national-patterns.ts), lack the trunk prefix
 * in every country of the region's calling code: the parse settles on one of them and
 * hasNationalPrefixIfRequired would then reject the number, so it need not be parsed.
 */
export function lacksRequiredPrefix(digits: string, region: string): boolean {
  return countriesBeside(region).every(
    (country) => formatFor(country, digits)?.requiresPrefix === true,
  )
}

const countriesByRegion = new Map<string, readonly string[]>()

// The countries a parse with `region` as default may settle on: the region itself and every
// other country of its calling code (parse.js, getCountryByCallingCode).
function countriesBeside(region: string): readonly string[] {
  const known = countriesByRegion.get(region)
  if (known !== undefined) return known

  const others = metadata.getCountryCodesForCallingCode(planOf(region).callingCode()) ?? []
  const countries = [region, ...others.filter((country) => country !== region)]
  countriesByRegion.set(region, countries)
  return countries
}

interface NationalShape {
  /** The trunk prefix when every national format writes it (GB, DE, FR, …). */
  readonly requiredPrefix: string | undefined
  /** Digit counts a national number may have, trunk prefix included or not; undefined: any. */
  readonly lengths: ReadonlySet<number> | undefined
}

const shapes = new Map<string, NationalShape>()

// The US has no trunk prefix to write, Italy keeps the 0 in the number and Turkey may omit
// it, so only regions that always write it require it. Lengths are only used where the
// prefix is one plain string (Brazil and China also strip carrier codes of other lengths).
function shapeOf(region: string): NationalShape {
  const known = shapes.get(region)
  if (known !== undefined) return known

  const plan = planOf(region)
  const formats = plan.formats()
  const prefix = plan.nationalPrefix()
  const isAlwaysWritten =
    formats.length > 0 &&
    formats.every(
      (f) => f.usesNationalPrefix() && !f.nationalPrefixIsOptionalWhenFormattingInNationalFormat(),
    )
  const isPlainPrefix = prefix !== undefined && plan.nationalPrefixForParsing() === prefix
  const withPrefix = plan.possibleLengths().map((n) => n + (prefix?.length ?? 0))

  const shape: NationalShape = {
    requiredPrefix: isAlwaysWritten ? prefix : undefined,
    lengths: isPlainPrefix ? new Set([...plan.possibleLengths(), ...withPrefix]) : undefined,
  }
  shapes.set(region, shape)
  return shape
}

/**
 * False when `digits`, written without a country code, cannot be a national number of
 * `region`: they lack the trunk prefix every national number there is written with, or
 * have a digit count no number there has. A cheap test before parsing: most of the regions
 * tried are ruled out this way.
 */
export function mayBeNational(digits: string, region: string): boolean {
  const { requiredPrefix, lengths } = shapeOf(region)
  if (requiredPrefix !== undefined && !digits.startsWith(requiredPrefix)) return false

  return lengths === undefined || lengths.has(digits.length)
}
