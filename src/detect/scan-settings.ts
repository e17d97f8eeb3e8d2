// Deployment choices that change what some recognizers accept. detectAll resolves them once
// per call from DetectOptions; recognizers read them from ScanInput.settings.
import { isSupportedCountry } from 'libphonenumber-js/max'

export interface ScanSettings {
  /**
   * ISO 3166 regions tried, in order, for phone numbers written without a country code.
   * Numbers with "+" are checked against every region whatever this says.
   */
  readonly phoneRegions: readonly string[]
}

// The regions our customers mail from and to most, the default for national-format phone
// numbers. A deployment in one country does better with that country alone: fewer order
// numbers read as someone's phone number elsewhere.
export const DEFAULT_PHONE_REGIONS: readonly string[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'IE',
  'ES',
  'IT',
  'NL',
  'BE',
  'CH',
  'AT',
  'IN',
  'BR',
  'TR',
  'CN',
  'PH',
  'AU',
  'CA',
]

// The relay scans with these unless `detect.phoneRegions` is configured (config/schema.ts);
// `mailward detect --phone-regions` sets them for one run.
export const DEFAULT_SETTINGS: ScanSettings = { phoneRegions: DEFAULT_PHONE_REGIONS }

/**
 * True when libphonenumber has numbering metadata for `code` (an ISO 3166 alpha-2 code in
 * capitals: GB, not UK).
 *
 * @example isPhoneRegion('GB') // true; isPhoneRegion('UK') // false
 */
export function isPhoneRegion(code: string): boolean {
  return isSupportedCountry(code)
}

/**
 * Settings with defaults filled in. An unknown region is a configuration error, not a
 * reason to scan with fewer regions, so it throws (naming the code, which is not user data).
 */
export function resolveSettings(phoneRegions: readonly string[] | undefined): ScanSettings {
  if (phoneRegions === undefined) return DEFAULT_SETTINGS

  const upper = phoneRegions.map((r) => r.toUpperCase())
  const unknown = upper.filter((r) => !isPhoneRegion(r))
  if (unknown.length > 0) {
    throw new Error(`unknown phone region ${unknown.join(', ')} (use ISO 3166 codes such as GB)`)
  }

  return { phoneRegions: upper }
}
