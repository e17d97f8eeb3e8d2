// How much sensitive data a send carries, for volume habits and the webmail signal.
import type { Category } from '../detect/categories.js'
import type { Finding } from '../detect/types.js'

/**
 * Contact details sit in every signature, and outcome findings are about parts rather than
 * data; they count only in bulk (a list of people), from this many distinct values.
 */
const CONTACT_BULK = 10

const CONTACT: ReadonlySet<Category> = new Set<Category>(['EMAIL_ADDRESS', 'PHONE_NUMBER'])
const OUTCOMES: ReadonlySet<Category> = new Set<Category>(['UNSCANNABLE', 'ENCRYPTED_CONTENT'])

/** Distinct sensitive values outside quoted replies and signatures, at confidence 0.5 or more. */
export function countSensitive(findings: readonly Finding[]): number {
  const data = new Set<string>()
  const contact = new Set<string>()
  for (const finding of findings) {
    if (finding.boilerplate !== undefined || finding.confidence < 0.5) continue
    if (OUTCOMES.has(finding.category)) continue

    const key = `${finding.category}\0${finding.fingerprint}`
    if (CONTACT.has(finding.category)) contact.add(key)
    else data.add(key)
  }
  return data.size + (contact.size >= CONTACT_BULK ? contact.size : 0)
}
