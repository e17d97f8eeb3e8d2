// The part of a domain an organisation registers: lists.sourceforge.net and
// example.sourceforge.net are one organisation, cse.ucsc.edu and soe.ucsc.edu too, while
// alice.github.io and bob.github.io are two. The Public Suffix List (ICANN and private
// sections) decides, through tldts, which ships the list and is updated with it.
import { getDomain } from 'tldts'

/**
 * The registrable domain of an ASCII domain name; a name with no public suffix (a bare host,
 * an IP literal, `localhost`) is its own registrable domain.
 *
 * @example
 * registrableDomain('mail.partner.co.uk') // 'partner.co.uk'
 */
export function registrableDomain(domainAscii: string): string {
  return getDomain(domainAscii, { allowPrivateDomains: true }) ?? domainAscii
}
