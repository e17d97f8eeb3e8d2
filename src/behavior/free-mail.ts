// Personal webmail domains: the maintained `email-providers` list (derhuerst/email-providers,
// about 8,700 domains of public mailbox providers) plus any configured in `behavior`.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const PROVIDERS = require('email-providers/all.json') as string[]

/**
 * The free-mail domains in ASCII form, without the organisation's own domains: the list
 * contains example.com, which lab set-ups use as their internal domain.
 */
export function freeMailDomains(
  extra: readonly string[],
  internalDomains: readonly string[],
): ReadonlySet<string> {
  const internal = new Set(internalDomains.map((domain) => domain.toLowerCase()))
  const all = [...PROVIDERS, ...extra].map((domain) => domain.toLowerCase())
  return new Set(all.filter((domain) => !internal.has(domain)))
}
