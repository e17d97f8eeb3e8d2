// libphonenumber's "national prefix present if required" rule (PhoneNumberMatcher, leniency
// VALID in the Java and Python ports; libphonenumber-js skips it "for simplicity"). A
// number written without a country code must start with the region's trunk prefix when
// that region always writes it: "9171234567" is not how anyone in the Philippines writes
// 0917 123 4567, nor "945456787654" a German number. Without this rule nearly any run of
// digits is a valid number in some region with variable-length numbering.
import { Metadata, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max'

// libphonenumber-js keeps these accessors on its metadata classes (metadata.js) without
// declaring them in its types; they are checked once at load so a change fails loudly.
interface FormatRules {
  pattern(): string
  leadingDigitsPatterns(): string[]
  usesNationalPrefix(): boolean
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean
}

interface PlanRules {
  formats(): FormatRules[]
  nationalPrefix(): string | undefined
}

interface MetadataRules {
  selectNumberingPlan(country: CountryCode): void
  numberingPlan?: unknown
}

const metadata = new Metadata() as unknown as MetadataRules

function planOf(country: CountryCode): PlanRules {
  metadata.selectNumberingPlan(country)
  const plan = metadata.numberingPlan as Partial<PlanRules> | undefined
  if (typeof plan?.formats !== 'function' || typeof plan.nationalPrefix !== 'function') {
    throw new Error('libphonenumber-js metadata no longer exposes formats(); update this module')
  }
  return plan as PlanRules
}

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

// Per region: the trunk prefix when every national format writes it (GB, DE, FR, …), else
// undefined (the US has none to write, Italy keeps the 0 in the number, Turkey may omit it).
const requiredPrefixes = new Map<string, string | undefined>()

function requiredPrefixOf(region: string): string | undefined {
  if (requiredPrefixes.has(region)) return requiredPrefixes.get(region)

  const plan = planOf(region as CountryCode)
  const formats = plan.formats()
  const isAlwaysWritten =
    formats.length > 0 &&
    formats.every(
      (f) => f.usesNationalPrefix() && !f.nationalPrefixIsOptionalWhenFormattingInNationalFormat(),
    )
  const prefix = isAlwaysWritten ? plan.nationalPrefix() : undefined
  requiredPrefixes.set(region, prefix)
  return prefix
}

/**
 * False when `digits`, written without a country code, cannot be a national number of
 * `region` because they lack the trunk prefix every national number there is written with.
 * A cheap test before parsing: most of the regions tried are ruled out this way.
 */
export function mayBeNational(digits: string, region: string): boolean {
  const prefix = requiredPrefixOf(region)
  return prefix === undefined || digits.startsWith(prefix)
}
