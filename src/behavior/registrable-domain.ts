// The part of a domain an organisation registers: lists.sourceforge.net and
// example.sourceforge.net are one organisation, cse.ucsc.edu and soe.ucsc.edu too.

/**
 * Second-level labels under a country code that are public suffixes themselves (co.uk, com.au,
 * ac.jp, gov.br, …), after the Public Suffix List's most common ICANN entries.
 */
const COUNTRY_SECOND_LEVELS: ReadonlySet<string> = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'go',
  'gob',
  'gouv',
  'gov',
  'gv',
  'ltd',
  'me',
  'mil',
  'ne',
  'net',
  'nhs',
  'nic',
  'or',
  'org',
  'plc',
  'sch',
])

/**
 * The registrable domain of an ASCII domain name.
 *
 * TODO: This reads the common public suffixes only (a two-letter country code under one of
 * COUNTRY_SECOND_LEVELS); the full Public Suffix List (private suffixes such as
 * github.io, or city suffixes under .us) is not shipped. Under an unlisted multi-label suffix,
 * two unrelated sites count as one organisation, which quiets look-alike signals between them.
 *
 * @example
 * registrableDomain('mail.partner.co.uk') // 'partner.co.uk'
 */
export function registrableDomain(domainAscii: string): string {
  const labels = domainAscii.split('.')
  if (labels.length <= 2) return domainAscii

  const tld = labels[labels.length - 1] ?? ''
  const second = labels[labels.length - 2] ?? ''
  const isCountrySuffix = tld.length === 2 && COUNTRY_SECOND_LEVELS.has(second)
  return labels.slice(isCountrySuffix ? -3 : -2).join('.')
}
