// The recognizer registry: every recognizer the engine runs, one module per category.
import type { Category } from './categories.js'
import type { Recognizer } from './recognizer.js'
import { apiToken } from './recognizers/api-token.js'
import { cloudAccessKey } from './recognizers/cloud-access-key.js'
import { creditCard } from './recognizers/credit-card.js'
import { cryptoWallet } from './recognizers/crypto-wallet.js'
import { emailAddress } from './recognizers/email-address.js'
import { iban } from './recognizers/iban.js'
import { jwt } from './recognizers/jwt.js'
import { passwordInText } from './recognizers/password-in-text.js'
import { phoneNumber } from './recognizers/phone-number.js'
import { privateKey } from './recognizers/private-key.js'
import { ukNhsNumber } from './recognizers/uk-nhs-number.js'
import { ukNino } from './recognizers/uk-nino.js'
import { usAbaRouting } from './recognizers/us-aba-routing.js'
import { usSsn } from './recognizers/us-ssn.js'

export const RECOGNIZERS: readonly Recognizer[] = [
  creditCard,
  iban,
  usSsn,
  ukNino,
  phoneNumber,
  emailAddress,
  privateKey,
  cloudAccessKey,
  apiToken,
  jwt,
  passwordInText,
  usAbaRouting,
  ukNhsNumber,
  cryptoWallet,
]

/** The distinct categories the registry can report, in registry order. */
export function registeredCategories(): readonly Category[] {
  return [...new Set(RECOGNIZERS.map((r) => r.category))]
}
