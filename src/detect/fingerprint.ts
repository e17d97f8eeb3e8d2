// Fingerprints let policy count distinct values ("the same card in the signature is one")
// without keeping them. HMAC-SHA-256 with a key drawn once per process: equal values give
// equal fingerprints inside one run, and a fingerprint cannot be reversed by hashing
// guesses (a card number has too few unknown digits for a plain hash to be safe).
import { createHmac, randomBytes } from 'node:crypto'

import type { Category } from './categories.js'

const KEY = randomBytes(32)

/** Keyed hash of a normalised value, 128 bits in hex. */
export function fingerprintOf(category: Category, value: string): string {
  return createHmac('sha256', KEY).update(`${category}\u0000${value}`).digest('hex').slice(0, 32)
}
