// Category ids and tiers, from shared/pii/categories.md (the product's list of what it detects).
// Families group categories for policy defaults and for the model's feature vector.

export type CategoryFamily =
  'identity' | 'financial' | 'device' | 'secret' | 'national-id' | 'inspection'

export type CategoryTier = 'P0' | 'P1' | 'P2' | 'support' | 'outcome'

export interface CategoryInfo {
  readonly id: string
  readonly tier: CategoryTier
  readonly family: CategoryFamily
  readonly description: string
}

export const CATEGORIES = [
  {
    id: 'PERSON_NAME',
    tier: 'P0',
    family: 'identity',
    description: 'Personal names (given, family, full)',
  },
  {
    id: 'EMAIL_ADDRESS',
    tier: 'P0',
    family: 'identity',
    description: 'Mailbox addresses in body/attachments',
  },
  {
    id: 'PHONE_NUMBER',
    tier: 'P0',
    family: 'identity',
    description: 'Telephone numbers, all regions',
  },
  { id: 'STREET_ADDRESS', tier: 'P1', family: 'identity', description: 'Postal address lines' },
  {
    id: 'POSTAL_CODE',
    tier: 'support',
    family: 'identity',
    description: 'Postcodes (UK, DE PLZ, US ZIP, IE Eircode, …)',
  },
  { id: 'DATE_OF_BIRTH', tier: 'P0', family: 'identity', description: 'Birth dates' },
  { id: 'DATE_GENERIC', tier: 'support', family: 'identity', description: 'Any date/time' },
  {
    id: 'LOCATION_NAME',
    tier: 'support',
    family: 'identity',
    description: 'Cities, countries, regions',
  },
  {
    id: 'GEO_COORDINATES',
    tier: 'P2',
    family: 'identity',
    description: 'Latitude/longitude pairs',
  },
  {
    id: 'SPECIAL_CATEGORY_NRP',
    tier: 'P2',
    family: 'identity',
    description:
      'Nationality, ethnicity, religion, politics, sexual orientation, trade-union membership (GDPR Art. 9)',
  },
  {
    id: 'HEALTH_INFORMATION',
    tier: 'P1',
    family: 'identity',
    description: 'Diagnoses, medication, procedures, ICD-9/10 codes',
  },
  {
    id: 'MEDICAL_RECORD_NUMBER',
    tier: 'P2',
    family: 'identity',
    description: 'Hospital/clinic patient ids',
  },
  {
    id: 'CREDIT_CARD',
    tier: 'P0',
    family: 'financial',
    description: 'Payment card PAN, 12–19 digits',
  },
  {
    id: 'CARD_TRACK_DATA',
    tier: 'P1',
    family: 'financial',
    description: 'Magnetic-stripe track 1/2 data',
  },
  {
    id: 'CARD_EXPIRY_CVV',
    tier: 'P1',
    family: 'financial',
    description: 'Expiry date / CVV next to a valid PAN',
  },
  { id: 'IBAN', tier: 'P0', family: 'financial', description: 'International bank account number' },
  {
    id: 'SWIFT_BIC',
    tier: 'P1',
    family: 'financial',
    description: 'Bank identifier code, 8/11 chars',
  },
  { id: 'US_ABA_ROUTING', tier: 'P1', family: 'financial', description: 'US bank routing number' },
  {
    id: 'US_BANK_ACCOUNT',
    tier: 'P1',
    family: 'financial',
    description: 'US account number 8–17 digits',
  },
  {
    id: 'UK_BANK_ACCOUNT',
    tier: 'P1',
    family: 'financial',
    description: 'Sort code + 8-digit account',
  },
  {
    id: 'BANK_ACCOUNT_NATIONAL',
    tier: 'P2',
    family: 'financial',
    description:
      'Other national account formats (MX CLABE, AR CBU, NO kontonr, NZ, CA, JP, PT NIB)',
  },
  { id: 'CRYPTO_WALLET', tier: 'P1', family: 'financial', description: 'BTC/ETH wallet addresses' },
  {
    id: 'VAT_NUMBER',
    tier: 'P2',
    family: 'financial',
    description: 'VAT/GST registration (EU, UK, CH, NO, IN GSTIN, CA GST/QST)',
  },
  {
    id: 'BUSINESS_ID',
    tier: 'P2',
    family: 'financial',
    description:
      'Company registration ids (AU ABN/ACN, SG UEN, KR BRN, SE orgnr, DE HRB, FR SIREN/SIRET, BR CNPJ, …)',
  },
  { id: 'IP_ADDRESS', tier: 'P2', family: 'device', description: 'IPv4/IPv6' },
  { id: 'MAC_ADDRESS', tier: 'P2', family: 'device', description: 'EUI-48 hardware address' },
  { id: 'URL', tier: 'support', family: 'device', description: 'URLs' },
  { id: 'IMEI', tier: 'P2', family: 'device', description: 'Mobile device id, 15 digits' },
  { id: 'VIN', tier: 'P2', family: 'device', description: 'Vehicle identification number' },
  {
    id: 'VEHICLE_REGISTRATION',
    tier: 'P2',
    family: 'device',
    description: 'Licence plates (UK, DE, IN, NG, TR)',
  },
  {
    id: 'PRIVATE_KEY',
    tier: 'P0',
    family: 'secret',
    description: 'PEM/OpenSSH/PGP private key blocks; .p12/.pfx/.key attachments',
  },
  {
    id: 'CLOUD_ACCESS_KEY',
    tier: 'P0',
    family: 'secret',
    description:
      'AWS key id + secret, GCP API key / service-account JSON, Azure client secret, other cloud tokens',
  },
  {
    id: 'API_TOKEN',
    tier: 'P0',
    family: 'secret',
    description:
      'Vendor-prefixed tokens (GitHub `ghp_`/`github_pat_`, GitLab `glpat-`, Slack `xox?-`, Stripe `sk_live_`, OpenAI/Anthropic keys, npm, PyPI …)',
  },
  { id: 'JWT', tier: 'P1', family: 'secret', description: 'JSON Web Tokens' },
  {
    id: 'PASSWORD_IN_TEXT',
    tier: 'P0',
    family: 'secret',
    description: '"password: …" lines, Basic auth headers, credentials in URLs/connection strings',
  },
  {
    id: 'GENERIC_SECRET',
    tier: 'P1',
    family: 'secret',
    description: 'High-entropy string next to secret/token/api_key keywords',
  },
  {
    id: 'WEBHOOK_URL',
    tier: 'P1',
    family: 'secret',
    description: 'Slack/Teams/Discord incoming-webhook URLs',
  },
  { id: 'US_SSN', tier: 'P0', family: 'national-id', description: 'Social Security Number' },
  { id: 'US_ITIN', tier: 'P0', family: 'national-id', description: 'Individual taxpayer id' },
  { id: 'US_EIN', tier: 'P1', family: 'national-id', description: 'Employer id' },
  {
    id: 'US_PASSPORT',
    tier: 'P0',
    family: 'national-id',
    description: 'US passport book/card number',
  },
  {
    id: 'US_DRIVER_LICENSE',
    tier: 'P1',
    family: 'national-id',
    description: 'State driver licence',
  },
  {
    id: 'US_MBI',
    tier: 'P1',
    family: 'national-id',
    description: 'Medicare beneficiary id, 11 chars',
  },
  { id: 'US_NPI', tier: 'P1', family: 'national-id', description: 'National provider id' },
  { id: 'US_DEA_NUMBER', tier: 'P2', family: 'national-id', description: 'DEA registration' },
  { id: 'UK_NINO', tier: 'P0', family: 'national-id', description: 'National Insurance number' },
  { id: 'UK_NHS_NUMBER', tier: 'P0', family: 'national-id', description: 'NHS number, 10 digits' },
  { id: 'UK_PASSPORT', tier: 'P0', family: 'national-id', description: 'UK passport number' },
  {
    id: 'UK_DRIVING_LICENCE',
    tier: 'P1',
    family: 'national-id',
    description: 'DVLA licence, 16 chars',
  },
  {
    id: 'UK_UTR',
    tier: 'P1',
    family: 'national-id',
    description: 'Unique taxpayer reference, 10 digits',
  },
  { id: 'IE_PPSN', tier: 'P1', family: 'national-id', description: 'Irish PPS number' },
  { id: 'DE_TAX_ID', tier: 'P0', family: 'national-id', description: 'Steuer-IdNr, 11 digits' },
  {
    id: 'DE_TAX_NUMBER',
    tier: 'P2',
    family: 'national-id',
    description: 'Steuernummer (state or 13-digit ELSTER form)',
  },
  { id: 'DE_ID_CARD', tier: 'P1', family: 'national-id', description: 'Personalausweis number' },
  { id: 'DE_PASSPORT', tier: 'P1', family: 'national-id', description: 'Reisepass number' },
  {
    id: 'DE_SOCIAL_SECURITY',
    tier: 'P1',
    family: 'national-id',
    description: 'Rentenversicherungsnummer, 12 chars',
  },
  {
    id: 'DE_HEALTH_INSURANCE',
    tier: 'P1',
    family: 'national-id',
    description: 'KVNR (letter + 9 digits)',
  },
  {
    id: 'DE_DRIVER_LICENSE',
    tier: 'P2',
    family: 'national-id',
    description: 'Führerscheinnummer, 11 chars',
  },
  {
    id: 'DE_HEALTHCARE_PROVIDER_ID',
    tier: 'P2',
    family: 'national-id',
    description: 'Doctor (LANR) and practice (BSNR) numbers',
  },
  {
    id: 'FR_NIR',
    tier: 'P0',
    family: 'national-id',
    description: 'Numéro de sécurité sociale (INSEE), 13 + 2',
  },
  {
    id: 'FR_ID_CARD',
    tier: 'P1',
    family: 'national-id',
    description: "Carte nationale d'identité",
  },
  {
    id: 'FR_TAX_ID',
    tier: 'P1',
    family: 'national-id',
    description: 'Numéro fiscal (SPI), 13 digits',
  },
  {
    id: 'ES_DNI_NIF',
    tier: 'P0',
    family: 'national-id',
    description: 'DNI/NIF, 8 digits + letter',
  },
  {
    id: 'ES_NIE',
    tier: 'P0',
    family: 'national-id',
    description: 'Foreigner id (X/Y/Z + 7 digits + letter)',
  },
  {
    id: 'ES_NSS',
    tier: 'P1',
    family: 'national-id',
    description: 'Social security number, 12 digits',
  },
  { id: 'ES_PASSPORT', tier: 'P2', family: 'national-id', description: 'Spanish passport' },
  {
    id: 'IT_FISCAL_CODE',
    tier: 'P0',
    family: 'national-id',
    description: 'Codice fiscale, 16 chars',
  },
  {
    id: 'IT_IDENTITY_CARD',
    tier: 'P2',
    family: 'national-id',
    description: "Carta d'identità (paper and CIE)",
  },
  { id: 'IT_PASSPORT', tier: 'P2', family: 'national-id', description: 'Italian passport' },
  { id: 'IT_DRIVER_LICENSE', tier: 'P2', family: 'national-id', description: 'Patente di guida' },
  { id: 'NL_BSN', tier: 'P0', family: 'national-id', description: 'Burgerservicenummer, 9 digits' },
  {
    id: 'BE_NATIONAL_NUMBER',
    tier: 'P1',
    family: 'national-id',
    description: 'Rijksregisternummer / BIS',
  },
  { id: 'PL_PESEL', tier: 'P1', family: 'national-id', description: 'PESEL, 11 digits' },
  {
    id: 'SE_PERSONNUMMER',
    tier: 'P1',
    family: 'national-id',
    description: 'Personnummer / samordningsnummer',
  },
  { id: 'FI_HETU', tier: 'P1', family: 'national-id', description: 'Henkilötunnus' },
  { id: 'DK_CPR', tier: 'P1', family: 'national-id', description: 'CPR number' },
  {
    id: 'NO_FODSELSNUMMER',
    tier: 'P1',
    family: 'national-id',
    description: 'Fødselsnummer / D-number',
  },
  {
    id: 'CH_AHV',
    tier: 'P1',
    family: 'national-id',
    description: 'AHV/AVS number 756.XXXX.XXXX.XX',
  },
  {
    id: 'TR_NATIONAL_ID',
    tier: 'P2',
    family: 'national-id',
    description: 'TC Kimlik No, 11 digits',
  },
  {
    id: 'NATIONAL_ID_OTHER',
    tier: 'P2',
    family: 'national-id',
    description:
      'Long tail: AT SVNR, PT CC, RO CNP, BG EGN, CZ/SK RČ, HR OIB, SI EMSO, EE/LT isikukood, IS kennitala, GR AMKA, LatAm cédulas/RUT, IL, MY, PK, LK …',
  },
  { id: 'AU_TFN', tier: 'P1', family: 'national-id', description: 'Tax file number' },
  { id: 'AU_MEDICARE', tier: 'P1', family: 'national-id', description: 'Medicare card number' },
  {
    id: 'IN_AADHAAR',
    tier: 'P1',
    family: 'national-id',
    description: 'Aadhaar (and 16-digit VID)',
  },
  { id: 'IN_PAN', tier: 'P1', family: 'national-id', description: 'Permanent account number' },
  { id: 'IN_PASSPORT', tier: 'P2', family: 'national-id', description: 'Indian passport' },
  { id: 'IN_VOTER_ID', tier: 'P2', family: 'national-id', description: 'EPIC voter id' },
  { id: 'SG_NRIC_FIN', tier: 'P1', family: 'national-id', description: 'NRIC/FIN' },
  { id: 'KR_RRN', tier: 'P2', family: 'national-id', description: 'Resident registration number' },
  { id: 'KR_FRN', tier: 'P2', family: 'national-id', description: 'Foreigner registration number' },
  { id: 'KR_PASSPORT', tier: 'P2', family: 'national-id', description: 'Korean passport' },
  {
    id: 'KR_DRIVER_LICENSE',
    tier: 'P2',
    family: 'national-id',
    description: 'Korean driver licence, 12 digits',
  },
  {
    id: 'JP_MY_NUMBER',
    tier: 'P2',
    family: 'national-id',
    description: 'Individual Number, 12 digits',
  },
  {
    id: 'CN_RESIDENT_ID',
    tier: 'P2',
    family: 'national-id',
    description: 'Resident identity card, 18 chars',
  },
  { id: 'HK_ID', tier: 'P2', family: 'national-id', description: 'Hong Kong identity card' },
  { id: 'TW_NATIONAL_ID', tier: 'P2', family: 'national-id', description: 'Taiwan national id' },
  {
    id: 'TH_NATIONAL_ID',
    tier: 'P2',
    family: 'national-id',
    description: 'Thai national id, 13 digits',
  },
  {
    id: 'PH_TIN',
    tier: 'P2',
    family: 'national-id',
    description: 'Philippine TIN (9 or 12 digits)',
  },
  { id: 'NZ_IRD', tier: 'P2', family: 'national-id', description: 'IRD number' },
  { id: 'CA_SIN', tier: 'P1', family: 'national-id', description: 'Social insurance number' },
  { id: 'BR_CPF', tier: 'P1', family: 'national-id', description: 'Cadastro de pessoas físicas' },
  { id: 'MX_CURP', tier: 'P2', family: 'national-id', description: 'CURP, 18 chars' },
  {
    id: 'ZA_ID_NUMBER',
    tier: 'P2',
    family: 'national-id',
    description: 'South African id, 13 digits',
  },
  { id: 'NG_NIN', tier: 'P2', family: 'national-id', description: 'Nigerian NIN, 11 digits' },
  {
    id: 'PASSPORT_OTHER',
    tier: 'P0',
    family: 'national-id',
    description:
      'Passports of other countries and any ICAO 9303 machine-readable zone (2×44 or 3×30 chars)',
  },
  {
    id: 'DRIVER_LICENSE_OTHER',
    tier: 'P2',
    family: 'national-id',
    description: 'Driving licences of other countries',
  },
  {
    id: 'TAX_ID_OTHER',
    tier: 'P2',
    family: 'national-id',
    description: 'Other personal/entity tax ids (stdnum long tail)',
  },
  {
    id: 'ENCRYPTED_CONTENT',
    tier: 'outcome',
    family: 'inspection',
    description: 'A part that could not be opened because it is encrypted or password protected',
  },
  {
    id: 'UNSCANNABLE',
    tier: 'outcome',
    family: 'inspection',
    description:
      'A part that could not be read: parse error, limit hit, unsupported format or charset',
  },
] as const satisfies readonly CategoryInfo[]

export type Category = (typeof CATEGORIES)[number]['id']

const BY_ID: ReadonlyMap<string, CategoryInfo> = new Map(CATEGORIES.map((c) => [c.id, c]))

/** True when `id` names a category this build knows. */
export function isCategory(id: string): id is Category {
  return BY_ID.has(id)
}

/** The catalogue entry for a category id. */
export function categoryInfo(id: Category): CategoryInfo {
  const info = BY_ID.get(id)
  if (info === undefined) throw new Error(`unknown category ${id}`)
  return info
}
