// A cheap pre-test before libphonenumber parses a number written without a country code in
// one region: most candidates (order numbers, references) are tried in a dozen regions and
// valid in none, and each parse costs several microseconds. The test is a necessary
// condition for what `parse(candidate, region).isValid()` accepts, read off the library's
// own steps (parse.js, extractCountryCallingCode.js, extractNationalNumber.js, isValid.js):
//
// - after the region's international dialling prefix (00, 011, …) the number is read as
//   international: a calling code, then a national number of the plan that code selects;
// - otherwise the national number libphonenumber validates is the digits as written, or the
//   digits with the region's national prefix stripped (or rewritten by its transform rule),
//   or, when they start with the region's calling code, the same of the digits after it;
// - a valid national number matches the national pattern and one type pattern (fixed line,
//   mobile, …) of a country with that calling code (the parse may settle on any of them: US
//   and CA, GB and its Crown Dependencies).
//
// When none of those national numbers matches, the parse would reject the number: it is
// skipped. A false positive costs only the parse that was made before.
import { metadata, planOf, type PlanRules } from './phone-metadata.js'

// The types getNumberType tries (helpers/getNumberType.js): a valid number is one of them.
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]

// What isValid accepts of one country's national numbers: its national pattern and, when the
// metadata has types, one type's pattern too (patterns as matchesEntirely anchors them).
function validPatternOf(country: string): string {
  const plan = planOf(country)
  const general = `(?=(?:${plan.nationalNumberPattern()})$)`
  if (!plan.hasTypes()) return general

  const types = NUMBER_TYPES.map((name) => plan.type(name)?.pattern() ?? '')
    .filter((pattern) => pattern !== '')
    .map((pattern) => `(?:${pattern})$`)
  return types.length === 0 ? '(?!)' : `${general}(?:${types.join('|')})`
}

const validByCallingCode = new Map<string, RegExp>()

/** National numbers valid in some country of `callingCode`: one anchored pattern. */
function validNationalNumber(callingCode: string): RegExp {
  const known = validByCallingCode.get(callingCode)
  if (known !== undefined) return known

  const countries = metadata.getCountryCodesForCallingCode(callingCode) ?? []
  const alternatives = countries.map((country) => `(?:${validPatternOf(country)})`)
  const pattern = new RegExp(`^(?:${alternatives.join('|') || '(?!)'})`)
  validByCallingCode.set(callingCode, pattern)
  return pattern
}

/** How a numbering plan turns the digits written into the national number it validates. */
interface NationalRules {
  /** The national prefix at the start (extractNationalNumberFromPossiblyIncompleteNumber.js). */
  readonly nationalPrefix: RegExp | undefined
  readonly transformRule: string | undefined
}

interface RegionRules extends NationalRules {
  readonly callingCode: string
  /** The international dialling prefix at the start (stripIddPrefix.js). */
  readonly idd: RegExp | undefined
  readonly valid: RegExp
}

function nationalRulesOf(plan: PlanRules): NationalRules {
  const prefix = plan.nationalPrefixForParsing()
  return {
    nationalPrefix:
      prefix === undefined || prefix === '' ? undefined : new RegExp(`^(?:${prefix})`),
    transformRule: plan.nationalPrefixTransformRule(),
  }
}

const regionRules = new Map<string, RegionRules>()

function rulesOf(region: string): RegionRules {
  const known = regionRules.get(region)
  if (known !== undefined) return known

  const plan = planOf(region)
  const callingCode = plan.callingCode()
  const idd = plan.IDDPrefix()
  const rules: RegionRules = {
    ...nationalRulesOf(plan),
    callingCode,
    idd: idd === undefined || idd === '' ? undefined : new RegExp(`^(?:${idd})`),
    valid: validNationalNumber(callingCode),
  }
  regionRules.set(region, rules)
  return rules
}

// The plan a calling code selects (its main country's); undefined for calling codes of no
// country (+800, +882, …), whose numbers are always parsed.
const callingCodeRules = new Map<string, NationalRules | undefined>()

function rulesOfCallingCode(callingCode: string): NationalRules | undefined {
  if (callingCodeRules.has(callingCode)) return callingCodeRules.get(callingCode)

  const isGeographic = metadata.getCountryCodesForCallingCode(callingCode) !== undefined
  const rules = isGeographic ? nationalRulesOf(planOf(callingCode)) : undefined
  callingCodeRules.set(callingCode, rules)
  return rules
}

/**
 * True when a national number libphonenumber may take from `number` under `rules` (as
 * written, the national prefix stripped, or rewritten by the transform rule) is `valid`.
 */
function hasValidNational(number: string, rules: NationalRules, valid: RegExp): boolean {
  if (valid.test(number)) return true
  if (rules.nationalPrefix === undefined) return false

  const prefix = rules.nationalPrefix.exec(number)
  if (prefix === null) return false
  if (valid.test(number.slice(prefix[0].length))) return true

  return (
    rules.transformRule !== undefined &&
    valid.test(number.replace(rules.nationalPrefix, rules.transformRule))
  )
}

/** The same for `number` read after an international dialling prefix (extractCountryCallingCode.js). */
function mayBeValidInternational(number: string): boolean {
  // The calling code is the first one to three digits that are one.
  for (let length = 1; length <= 3 && length <= number.length; length++) {
    const callingCode = number.slice(0, length)
    if (!metadata.hasCallingCode(callingCode)) continue

    const rules = rulesOfCallingCode(callingCode)
    const rest = number.slice(length)
    return rules === undefined || hasValidNational(rest, rules, validNationalNumber(callingCode))
  }

  return false
}

// What the pre-test reasons about: digits and the separators the phone pattern allows. Any
// other character (an extension mark, a letter) goes straight to the parse.
const PLAIN_NATIONAL = /^[\d ().-]+$/

/**
 * False when libphonenumber would not find `candidate` (written without "+"; `digits` are its
 * digits) a valid number in `region`. True means only "parse it to know".
 */
export function mayBeValidNational(candidate: string, digits: string, region: string): boolean {
  if (!PLAIN_NATIONAL.test(candidate)) return true

  const rules = rulesOf(region)
  // An international dialling prefix counts when digits other than 0 follow (stripIddPrefix.js);
  // the number is then read as international only.
  const idd = rules.idd?.exec(digits)?.[0] ?? ''
  const afterIdd = digits.slice(idd.length)
  if (idd !== '' && afterIdd !== '' && !afterIdd.startsWith('0')) {
    return mayBeValidInternational(afterIdd)
  }

  if (hasValidNational(digits, rules, rules.valid)) return true

  // The region's calling code written without "+" may be read as one and dropped
  // (extractCountryCallingCodeFromInternationalNumberWithoutPlusSign.js), the rest then
  // read with the plan the calling code selects.
  if (!digits.startsWith(rules.callingCode)) return false
  const callingCodePlan = rulesOfCallingCode(rules.callingCode)
  const rest = digits.slice(rules.callingCode.length)
  return callingCodePlan === undefined || hasValidNational(rest, callingCodePlan, rules.valid)
}

/**
 * True when libphonenumber, parsing `candidate` (written without "+"; `digits` are its
 * digits) in `region`, takes the digits as written for the national number: no
 * international dialling prefix, no calling code and no national prefix at their start
 * (extractCountryCallingCode.js, extractNationalNumberFromPossiblyIncompleteNumber.js).
 */
export function isTakenAsWritten(candidate: string, digits: string, region: string): boolean {
  if (!PLAIN_NATIONAL.test(candidate)) return false

  const rules = rulesOf(region)
  if (rules.idd?.test(digits) === true || digits.startsWith(rules.callingCode)) return false
  return rules.nationalPrefix?.test(digits) !== true
}
