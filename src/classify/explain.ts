// From the model's per-feature terms to the factors a sender reads: the features that say one
// thing are summed (a family's count and confidence, the two measures of outside recipients),
// the strongest that raised the risk are kept, and each is told from templates with the send's
// own counts. Detected values never appear; recipients are the sender's own.
import type { SignalCode } from '../behavior/types.js'
import {
  CONTENT_FAMILIES,
  FEATURE_NAMES,
  familyOfCategory,
  type ContentFamily,
  type RiskInput,
} from './feature-vector.js'
import type { RiskFactor } from './types.js'

/** Factors kept for a decision: the reason text stays a sentence, not a list. */
export const MAX_FACTORS = 4

/** Log-odds below which a factor is too weak to name. */
const MIN_CONTRIBUTION = 0.2

/**
 * A family counts every category in it (a card and its expiry date are two payment card
 * details; an IBAN and a BIC two bank details), so its nouns name details, not numbers.
 */
const FAMILY_NOUNS: Readonly<Record<ContentFamily, readonly [string, string]>> = {
  'payment-card': ['payment card detail', 'payment card details'],
  'bank-account': ['bank account detail', 'bank account details'],
  'national-id': ['national identity or tax number', 'national identity or tax numbers'],
  health: ['piece of health information', 'pieces of health information'],
  secret: ['secret (a key, token or password)', 'secrets (keys, tokens or passwords)'],
  contact: ['item of personal contact data', 'items of personal contact data'],
}

/**
 * The factors that raised the risk most, strongest first.
 *
 * @example
 * explainFactors(contributions, input)[0] // { feature: 'signal.personal-webmail', ... }
 */
export function explainFactors(contributions: Float32Array, input: RiskInput): RiskFactor[] {
  const groups = new Map<string, { feature: string; contribution: number; strongest: number }>()

  FEATURE_NAMES.forEach((name, i) => {
    const contribution = contributions[i] ?? 0
    const key = groupOf(name)
    const group = groups.get(key)
    if (group === undefined) {
      groups.set(key, { feature: name, contribution, strongest: contribution })
      return
    }
    group.contribution += contribution
    if (contribution > group.strongest) {
      group.feature = name
      group.strongest = contribution
    }
  })

  const texts = new FactorTexts(input)
  return [...groups.entries()]
    .filter(([, group]) => group.contribution >= MIN_CONTRIBUTION)
    .sort((a, b) => b[1].contribution - a[1].contribution)
    .flatMap(([key, group]) => {
      const text = texts.of(key)
      if (text === undefined) return []
      const contribution = Math.round(group.contribution * 100) / 100
      return [{ feature: group.feature, contribution, text }]
    })
    .slice(0, MAX_FACTORS)
}

// Features that say one thing are told once.
function groupOf(name: string): string {
  const family = /^content\.([a-z-]+)\.(values|confidence)$/.exec(name)?.[1]
  if (family !== undefined) return `family:${family}`
  if (name === 'send.external-recipients' || name === 'send.external-share') return 'outside'
  return name
}

/** Sentences for the factor groups of one send. */
class FactorTexts {
  private readonly external: RiskInput['features']['recipients']
  private readonly familyCounts = new Map<ContentFamily, Set<string>>()

  constructor(private readonly input: RiskInput) {
    this.external = input.features.recipients.filter((recipient) => recipient.isExternal)

    for (const finding of input.findings) {
      const family = familyOfCategory(finding.category)
      if (family === undefined || finding.boilerplate !== undefined) continue
      const values = this.familyCounts.get(family) ?? new Set<string>()
      values.add(finding.fingerprint)
      this.familyCounts.set(family, values)
    }
  }

  of(key: string): string | undefined {
    if (key.startsWith('family:')) return this.family(key.slice('family:'.length))
    if (key.startsWith('signal.')) return this.signal(key.slice('signal.'.length) as SignalCode)
    return this.measure(key)
  }

  private family(name: string): string | undefined {
    const family = CONTENT_FAMILIES.find((candidate) => candidate === name)
    const count = family === undefined ? 0 : (this.familyCounts.get(family)?.size ?? 0)
    if (family === undefined || count === 0) return undefined
    return `it carries ${count} ${plural(count, FAMILY_NOUNS[family])}`
  }

  private signal(code: SignalCode): string | undefined {
    return this.input.features.signals.find((signal) => signal.code === code)?.text
  }

  private measure(key: string): string | undefined {
    const { features, findings } = this.input
    const m = features.measures
    const newExternal = this.external.filter((recipient) => recipient.sentBefore === 0)
    const domainsWhere = (isNew: (r: (typeof this.external)[number]) => boolean) => [
      ...new Set(this.external.filter(isNew).map((r) => r.domain)),
    ]
    const newDomains = domainsWhere((r) => r.domainSentBefore === 0)
    const newOrgDomains = domainsWhere((r) => r.orgDomainSenders === 0)
    // A loop, not Math.max(...): a log or an export can hold hundreds of thousands of findings,
    // more arguments than a call takes.
    const rows = findings.reduce((most, finding) => Math.max(most, finding.dataSet?.rows ?? 0), 0)
    const unread = (category: string) =>
      new Set(findings.filter((f) => f.category === category).map((f) => f.partId)).size

    switch (key) {
      case 'outside':
        return this.external.length === 0
          ? undefined
          : `it goes to ${count(this.external.length, 'address', 'addresses')} outside the organisation`
      case 'send.new-recipient-share':
        return newExternal.length === 0
          ? undefined
          : `you have not written to ${list(newExternal.map((r) => r.address))} before`
      case 'send.new-domains':
        return newDomains.length === 0
          ? undefined
          : `you have not written to ${list(newDomains)} before`
      case 'send.new-org-domains':
        return newOrgDomains.length === 0
          ? undefined
          : `nobody in the organisation has written to ${list(newOrgDomains)} before`
      case 'send.free-mail-share':
        return 'it goes to a personal webmail address'
      case 'send.attachments':
        return `it carries ${count(features.attachments.count, 'attachment', 'attachments')}`
      case 'send.cold-start':
        return 'there is too little of your sending history yet to know what is usual for you'
      case 'send.off-hours':
        return 'it is sent at an hour when you rarely send mail'
      case 'send.attachment-volume':
        return 'its attachments are much larger than what you usually send'
      case 'send.findings-volume':
        return 'it carries much more personal data than you usually send'
      case 'send.visible-external':
        return `${count(m.visibleExternal, 'outside address is', 'outside addresses are')} visible to every recipient in To and Cc`
      case 'content.boilerplate-values':
        return 'quoted replies or signatures in it carry personal data'
      case 'content.data-set-rows':
        return rows === 0 ? undefined : `it carries a table of ${rows} rows of personal data`
      case 'content.encoded-values':
        return 'some of its data could only be read after decoding hidden encoded text'
      case 'content.unscannable-parts':
        return `${count(unread('UNSCANNABLE'), 'part', 'parts')} of it could not be read`
      case 'content.encrypted-parts':
        return `${count(unread('ENCRYPTED_CONTENT'), 'attachment is', 'attachments are')} encrypted and could not be checked`
      case 'mix.sensitive-to-new-recipient':
        return 'it carries sensitive data to an address you have not written to before'
      case 'mix.sensitive-to-free-mail':
        return 'it carries sensitive data to a personal webmail address'
      case 'mix.secret-to-external':
        return 'it carries a secret (a key, token or password) outside the organisation'
      case 'mix.data-set-to-external':
        return 'it carries a table of personal data outside the organisation'
      case 'mix.attachment-to-new-domain':
        return 'it carries files to a domain you have not written to before'
      case 'label.present':
        return 'it carries a sensitivity label'
      case 'label.confidential':
        return 'it is labelled confidential'
      case 'mix.label-contradicted':
        return 'it is labelled for general or public use but carries sensitive data'
      case 'mix.confidential-to-new-domain':
        return 'it is labelled confidential and goes to a domain you have not written to before'
      default:
        return undefined
    }
  }
}

function plural(n: number, [one, many]: readonly [string, string]): string {
  return n === 1 ? one : many
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** "a", "a and b", "a, b and 2 others". */
function list(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ')
  return `${items.slice(0, 2).join(', ')} and ${items.length - 2} other${items.length === 3 ? '' : 's'}`
}
