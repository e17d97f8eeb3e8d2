// Plain-language names for categories, for reasons a sender reads. Categories without an entry
// fall back to their catalogue description.
import { categoryInfo, type Category } from '../detect/categories.js'

const NAMES: Partial<Record<Category, readonly [string, string]>> = {
  CREDIT_CARD: ['payment card number', 'payment card numbers'],
  CARD_TRACK_DATA: ['card magnetic-stripe record', 'card magnetic-stripe records'],
  IBAN: ['bank account number (IBAN)', 'bank account numbers (IBAN)'],
  US_BANK_ACCOUNT: ['US bank account number', 'US bank account numbers'],
  UK_BANK_ACCOUNT: ['UK bank account number', 'UK bank account numbers'],
  US_ABA_ROUTING: ['US bank routing number', 'US bank routing numbers'],
  US_SSN: ['US Social Security number', 'US Social Security numbers'],
  UK_NINO: ['UK National Insurance number', 'UK National Insurance numbers'],
  UK_NHS_NUMBER: ['NHS number', 'NHS numbers'],
  PRIVATE_KEY: ['private key', 'private keys'],
  IMEI: ['mobile device identity (IMEI)', 'mobile device identities (IMEI)'],
  CLOUD_ACCESS_KEY: ['cloud access key', 'cloud access keys'],
  API_TOKEN: ['API token', 'API tokens'],
  JWT: ['login token (JWT)', 'login tokens (JWT)'],
  PASSWORD_IN_TEXT: ['password', 'passwords'],
  GENERIC_SECRET: ['secret', 'secrets'],
  WEBHOOK_URL: ['webhook address', 'webhook addresses'],
  EMAIL_ADDRESS: ['email address', 'email addresses'],
  PHONE_NUMBER: ['phone number', 'phone numbers'],
  ENCRYPTED_CONTENT: ['encrypted attachment', 'encrypted attachments'],
  UNSCANNABLE: ['part that could not be read', 'parts that could not be read'],
}

/** "1 payment card number", "3 payment card numbers". */
export function describeCount(category: Category, count: number): string {
  const names = NAMES[category]
  if (names !== undefined) return `${count} ${count === 1 ? names[0] : names[1]}`

  const description = categoryInfo(category).description
  return `${count} × ${description.charAt(0).toLowerCase()}${description.slice(1)}`
}
