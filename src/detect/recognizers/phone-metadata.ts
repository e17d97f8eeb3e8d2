// libphonenumber-js's full metadata and the parts of its numbering plans the phone rules read
// (phone-national-prefix.ts, phone-national-patterns.ts). The accessors exist on the
// library's metadata classes (metadata.js) without being declared in its types; each plan is
// checked for all of them as it is read, so a change in the library fails loudly.
import { Metadata } from 'libphonenumber-js/core'
import maxMetadata from 'libphonenumber-js/max/metadata'

export interface FormatRules {
  pattern(): string
  leadingDigitsPatterns(): string[]
  usesNationalPrefix(): boolean
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean
}

export interface TypeRules {
  pattern(): string
}

export interface PlanRules {
  callingCode(): string
  IDDPrefix(): string | undefined
  formats(): FormatRules[]
  nationalNumberPattern(): string
  nationalPrefix(): string | undefined
  nationalPrefixForParsing(): string | undefined
  nationalPrefixTransformRule(): string | undefined
  possibleLengths(): number[]
  hasTypes(): boolean
  type(name: string): TypeRules | undefined
}

interface MetadataRules {
  /** A country, or a calling code (its main country's plan). */
  selectNumberingPlan(countryOrCallingCode: string): void
  getCountryCodesForCallingCode(callingCode: string): readonly string[] | undefined
  hasCallingCode(callingCode: string): boolean
  numberingPlan?: unknown
}

const ACCESSORS: readonly (keyof PlanRules)[] = [
  'callingCode',
  'IDDPrefix',
  'formats',
  'nationalNumberPattern',
  'nationalPrefix',
  'nationalPrefixForParsing',
  'nationalPrefixTransformRule',
  'possibleLengths',
  'hasTypes',
  'type',
]

// libphonenumber-js/max exports Metadata from its ES build only; core has it in both builds
// (a worker thread that loads the CommonJS build found no constructor), so core is given
// the same full metadata the max build uses.
export const metadata = new Metadata(maxMetadata) as unknown as MetadataRules

/** The numbering plan of a country, or of a calling code's main country. */
export function planOf(countryOrCallingCode: string): PlanRules {
  metadata.selectNumberingPlan(countryOrCallingCode)
  const plan = metadata.numberingPlan as Partial<Record<keyof PlanRules, unknown>> | undefined
  if (plan === undefined || ACCESSORS.some((name) => typeof plan[name] !== 'function')) {
    throw new Error(
      'libphonenumber-js metadata no longer exposes its plans; update phone-metadata.ts',
    )
  }
  return plan as unknown as PlanRules
}
