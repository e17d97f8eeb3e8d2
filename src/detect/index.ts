// Entry of the detect stage: detectAll, the categories it can report, and distinct counts.
import type { Category } from './categories.js'
import { registeredCategories } from './registry.js'
import type { Finding } from './types.js'

export { detectAll, DEFAULT_MIN_CONFIDENCE, type DetectOptions } from './detect-all.js'
export { DEFAULT_PHONE_REGIONS, isPhoneRegion } from './scan-settings.js'
export type { Boilerplate, Finding, TextSource } from './types.js'
export type { Category } from './categories.js'

/** The category ids this build's recognizers can report. */
export function listCategories(): readonly Category[] {
  return registeredCategories()
}

/**
 * Distinct values per category, by fingerprint: a card repeated in a signature counts once.
 *
 * @example countDistinct(findings).get('CREDIT_CARD') // → 2
 */
export function countDistinct(findings: readonly Finding[]): Map<Category, number> {
  const seen = new Map<Category, Set<string>>()

  for (const f of findings) {
    const set = seen.get(f.category) ?? new Set<string>()
    set.add(f.fingerprint)
    seen.set(f.category, set)
  }

  return new Map([...seen].map(([category, set]) => [category, set.size]))
}
