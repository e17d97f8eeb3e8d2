// libphonenumber's "national prefix present if required" rule (PhoneNumberMatcher, leniency
// VALID in the Java and Python ports; libphonenumber-js skips it "for simplicity"). A
// number written without a country code must start with the region's trunk prefix when
// that region always writes it: "9171234567" is not how anyone in the Philippines writes
// 0917 123 4567, nor "945456787654" a German number. Without this rule nearly any run of
// digits is a valid number in some region with variable-length numbering.
import type { PhoneNumber } from 'libphonenumber-js/core'

import { planOf, type FormatRules, type PlanRules } from './phone-metadata.js'

// The format libphonenumber would pick for this national number (format.js,
// chooseFormatForNumber): the last leading-digits pattern must match at the start and the
// format pattern the whole number.
function formatFor(plan: PlanRules, nationalNumber: string): FormatRules | undefined {
  return plan.formats().find((f) => {
    const leading = f.leadingDigitsPatterns()
    const last = leading[leading.length - 1]
    if (last !== undefined && nationalNumber.search(last) !== 0) return false
    return new RegExp(`^(?:${f.pattern()})$`).test(nationalNumber)
  })
}

/**
 * False when `phone`, parsed from `digits` written without a country code, lacks the
 * national prefix its region always writes.
 */
export function hasNationalPrefixIfRequired(phone: PhoneNumber, digits: string): boolean {
  const isPrefixWritten = digits !== phone.nationalNumber
  if (isPrefixWritten || phone.country === undefined) return true

  const format = formatFor(planOf(phone.country), phone.nationalNumber)
  if (format === undefined || !format.usesNationalPrefix()) return true

  return format.nationalPrefixIsOptionalWhenFormattingInNationalFormat()
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
