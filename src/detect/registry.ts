// The recognizer registry: every recognizer the engine runs, one module per category.
import type { Category } from './categories.js'
import type { Recognizer } from './recognizer.js'
import { apiToken } from './recognizers/api-token.js'
import { auMedicare } from './recognizers/au-medicare.js'
import { auTfn } from './recognizers/au-tfn.js'
import { beNationalNumber } from './recognizers/be-national-number.js'
import { brCpf } from './recognizers/br-cpf.js'
import { caSin } from './recognizers/ca-sin.js'
import { cardExpiryCvv } from './recognizers/card-expiry-cvv.js'
import { cardTrackData } from './recognizers/card-track-data.js'
import { chAhv } from './recognizers/ch-ahv.js'
import { cloudAccessKey } from './recognizers/cloud-access-key.js'
import { creditCard } from './recognizers/credit-card.js'
import { imei } from './recognizers/imei.js'
import { cryptoWallet } from './recognizers/crypto-wallet.js'
import { dateOfBirth } from './recognizers/date-of-birth.js'
import { deHealthInsurance } from './recognizers/de-health-insurance.js'
import { deIdCard, deIdCardLongForm } from './recognizers/de-id-card.js'
import { dePassport } from './recognizers/de-passport.js'
import { deSocialSecurity } from './recognizers/de-social-security.js'
import { deTaxId } from './recognizers/de-tax-id.js'
import { dkCpr } from './recognizers/dk-cpr.js'
import { emailAddress } from './recognizers/email-address.js'
import { esDniNif } from './recognizers/es-dni-nif.js'
import { esNie } from './recognizers/es-nie.js'
import { esNss } from './recognizers/es-nss.js'
import { fiHetu } from './recognizers/fi-hetu.js'
import { frIdCard } from './recognizers/fr-id-card.js'
import { frNir } from './recognizers/fr-nir.js'
import { frTaxId } from './recognizers/fr-tax-id.js'
import { genericSecret } from './recognizers/generic-secret.js'
import { healthInformation, icd10Code } from './recognizers/health-information.js'
import { iban } from './recognizers/iban.js'
import { iePpsn } from './recognizers/ie-ppsn.js'
import { inAadhaar } from './recognizers/in-aadhaar.js'
import { inPan } from './recognizers/in-pan.js'
import { itFiscalCode } from './recognizers/it-fiscal-code.js'
import { jwt } from './recognizers/jwt.js'
import { nlBsn } from './recognizers/nl-bsn.js'
import { noFodselsnummer } from './recognizers/no-fodselsnummer.js'
import { passportOther } from './recognizers/passport-other.js'
import { passwordInText } from './recognizers/password-in-text.js'
import { personName } from './recognizers/person-name.js'
import { phoneNumber } from './recognizers/phone-number.js'
import { plPesel } from './recognizers/pl-pesel.js'
import { privateKey } from './recognizers/private-key.js'
import { sePersonnummer } from './recognizers/se-personnummer.js'
import { sgNricFin } from './recognizers/sg-nric-fin.js'
import { streetAddress } from './recognizers/street-address.js'
import { swiftBic } from './recognizers/swift-bic.js'
import { ukBankAccount } from './recognizers/uk-bank-account.js'
import { ukDrivingLicence } from './recognizers/uk-driving-licence.js'
import { ukNhsNumber } from './recognizers/uk-nhs-number.js'
import { ukNino } from './recognizers/uk-nino.js'
import { ukPassport } from './recognizers/uk-passport.js'
import { ukUtr } from './recognizers/uk-utr.js'
import { usAbaRouting } from './recognizers/us-aba-routing.js'
import { usBankAccount } from './recognizers/us-bank-account.js'
import { usDriverLicense } from './recognizers/us-driver-license.js'
import { usEin } from './recognizers/us-ein.js'
import { usItin } from './recognizers/us-itin.js'
import { usMbi } from './recognizers/us-mbi.js'
import { usNpi } from './recognizers/us-npi.js'
import { usPassport } from './recognizers/us-passport.js'
import { usSsn } from './recognizers/us-ssn.js'
import { webhookUrl } from './recognizers/webhook-url.js'

export const RECOGNIZERS: readonly Recognizer[] = [
  creditCard,
  cardTrackData,
  cardExpiryCvv,
  iban,
  swiftBic,
  usAbaRouting,
  usBankAccount,
  ukBankAccount,
  cryptoWallet,
  privateKey,
  cloudAccessKey,
  apiToken,
  jwt,
  passwordInText,
  genericSecret,
  webhookUrl,
  imei,
  emailAddress,
  phoneNumber,
  personName,
  streetAddress,
  dateOfBirth,
  healthInformation,
  icd10Code,
  auMedicare,
  auTfn,
  beNationalNumber,
  brCpf,
  caSin,
  chAhv,
  deHealthInsurance,
  deIdCard,
  deIdCardLongForm,
  dePassport,
  deSocialSecurity,
  deTaxId,
  dkCpr,
  esDniNif,
  esNie,
  esNss,
  fiHetu,
  frIdCard,
  frNir,
  frTaxId,
  iePpsn,
  inAadhaar,
  inPan,
  itFiscalCode,
  nlBsn,
  noFodselsnummer,
  passportOther,
  plPesel,
  sePersonnummer,
  sgNricFin,
  ukDrivingLicence,
  ukNhsNumber,
  ukNino,
  ukPassport,
  ukUtr,
  usDriverLicense,
  usEin,
  usItin,
  usMbi,
  usNpi,
  usPassport,
  usSsn,
]

/** The distinct categories the registry can report, in registry order. */
export function registeredCategories(): readonly Category[] {
  return [...new Set(RECOGNIZERS.map((r) => r.category))]
}
