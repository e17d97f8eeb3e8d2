// The risk model's input: one send as a fixed list of numbers, each scaled to about 0..1, in the
// order of FEATURES. Content features are of data going outside: they are 0 for a send whose
// recipients are all internal. docs/model.md documents every entry; the model card records the list, and
// a model trained on another list is refused at start.
import { createHash } from 'node:crypto'
import { SIGNAL_CODES, type SendFeatures, type SignalCode } from '../behavior/types.js'
import { CATEGORIES, type Category } from '../detect/categories.js'
import type { Finding } from '../detect/types.js'
import type { SensitivityLabel } from '../extract/types.js'

/** Groups of categories the model weighs as one: a card and its CVV say the same thing. */
export const CONTENT_FAMILIES = [
  'payment-card',
  'bank-account',
  'national-id',
  'health',
  'secret',
  'contact',
] as const

export type ContentFamily = (typeof CONTENT_FAMILIES)[number]

export interface FeatureSpec {
  /** Stable name, shown in the model card and in the operator's narrative. */
  readonly name: string
  /** What a value of 1 means, for docs/model.md. */
  readonly meaning: string
}

/** What the vector is computed from. */
export interface RiskInput {
  readonly features: SendFeatures
  readonly findings: readonly Finding[]
  /** Purview labels of the message and its files (only their names are read here). */
  readonly labels?: readonly Pick<SensitivityLabel, 'name'>[]
}

// Microsoft's default label names (M365.md §7): a tenant may rename them, and then these
// features stay 0 and the label rules of the policy are what reads its names.
const LOW_LABEL = /^(public|general|personal|non-business)$/i
const CONFIDENTIAL_LABEL = /confidential/i

const FAMILY_FEATURES: readonly FeatureSpec[] = CONTENT_FAMILIES.flatMap((family) => [
  {
    name: `content.${family}.values`,
    meaning: `distinct ${family} values outside quoted text and signatures (log scale, 50 = 1)`,
  },
  { name: `content.${family}.confidence`, meaning: `highest confidence of a ${family} value` },
])

const CONTENT_FEATURES: readonly FeatureSpec[] = [
  ...FAMILY_FEATURES,
  {
    name: 'content.boilerplate-values',
    meaning: 'distinct values inside quoted replies, signatures and disclaimers (log, 50 = 1)',
  },
  {
    name: 'content.data-set-rows',
    meaning: 'rows of the largest table of personal data (log, 1000 = 1)',
  },
  {
    name: 'content.encoded-values',
    meaning: 'a value was found only after decoding base64 or hex',
  },
  { name: 'content.unscannable-parts', meaning: 'parts that could not be read (5 = 1)' },
  { name: 'content.encrypted-parts', meaning: 'encrypted or password-protected parts (5 = 1)' },
  {
    name: 'label.present',
    meaning: 'the message or one of its files carries a Purview sensitivity label',
  },
  {
    name: 'label.confidential',
    meaning: 'a label named Confidential or Highly Confidential (Microsoft’s default names)',
  },
]

const SIGNAL_FEATURES: readonly FeatureSpec[] = SIGNAL_CODES.map((code) => ({
  name: `signal.${code}`,
  meaning: `the behaviour signal ${code} was raised`,
}))

const MEASURE_FEATURES: readonly FeatureSpec[] = [
  {
    name: 'send.external-recipients',
    meaning: 'recipients outside the organisation (log, 50 = 1)',
  },
  { name: 'send.external-share', meaning: 'share of recipients outside the organisation' },
  { name: 'send.new-recipient-share', meaning: 'share of outside recipients never written to' },
  { name: 'send.new-domains', meaning: 'outside domains this sender never wrote to (log, 10 = 1)' },
  { name: 'send.new-org-domains', meaning: 'outside domains nobody here wrote to (log, 10 = 1)' },
  { name: 'send.free-mail-share', meaning: 'share of recipients at personal webmail providers' },
  { name: 'send.attachments', meaning: 'attachments (log, 10 = 1)' },
  { name: 'send.cold-start', meaning: 'the sender has too little history to judge habits' },
  { name: 'send.off-hours', meaning: '1 minus the share of this sender’s mail sent at this hour' },
  {
    name: 'send.attachment-volume',
    meaning: 'attachment bytes against habit (z-score / 4, clamped)',
  },
  { name: 'send.findings-volume', meaning: 'findings against habit (z-score / 4, clamped)' },
  { name: 'send.visible-external', meaning: 'outside addresses visible in To/Cc (log, 50 = 1)' },
]

// An additive model cannot see "sensitive data AND a stranger" unless it is one feature. These
// are the combinations that make a send risky where neither part alone is.
const COMBINED_FEATURES: readonly FeatureSpec[] = [
  {
    name: 'mix.sensitive-to-new-recipient',
    meaning: 'card, bank, national-id, health or secret data to an outside address never used',
  },
  { name: 'mix.sensitive-to-free-mail', meaning: 'sensitive data to a personal webmail address' },
  {
    name: 'mix.secret-to-external',
    meaning: 'a secret (key, token, password) to an outside address',
  },
  { name: 'mix.data-set-to-external', meaning: 'a table of personal data to an outside address' },
  { name: 'mix.attachment-to-new-domain', meaning: 'attachments to an outside domain never used' },
  {
    name: 'mix.label-contradicted',
    meaning: 'sensitive data under a Public, General, Personal or Non-Business label',
  },
  {
    name: 'mix.confidential-to-new-domain',
    meaning: 'Confidential-labelled content to an outside domain this sender never wrote to',
  },
]

/** Every entry of the vector, in order. */
export const FEATURES: readonly FeatureSpec[] = [
  ...CONTENT_FEATURES,
  ...SIGNAL_FEATURES,
  ...MEASURE_FEATURES,
  ...COMBINED_FEATURES,
]

/** Names of FEATURES, in order. */
export const FEATURE_NAMES: readonly string[] = FEATURES.map((feature) => feature.name)

/** Identifies the list of features: a model trained on another list has another hash. */
export const FEATURE_SCHEMA_HASH = createHash('sha256')
  .update(FEATURE_NAMES.join('\n'))
  .digest('hex')
  .slice(0, 16)

const SENSITIVE: ReadonlySet<ContentFamily> = new Set([
  'payment-card',
  'bank-account',
  'national-id',
  'health',
  'secret',
])

const FAMILY_OF: ReadonlyMap<string, ContentFamily> = new Map(
  CATEGORIES.flatMap((info) => {
    const family = contentFamilyOf(info.id, info.family)
    return family === undefined ? [] : [[info.id, family] as const]
  }),
)

function contentFamilyOf(id: string, family: string): ContentFamily | undefined {
  if (id === 'CREDIT_CARD' || id === 'CARD_TRACK_DATA' || id === 'CARD_EXPIRY_CVV') {
    return 'payment-card'
  }
  if (/^(IBAN|SWIFT_BIC|US_ABA_ROUTING|US_BANK_ACCOUNT|UK_BANK_ACCOUNT|BANK_ACCOUNT_)/.test(id)) {
    return 'bank-account'
  }
  if (/HEALTH|MEDICAL|NHS|MEDICARE|MBI|NPI/.test(id)) return 'health'
  if (family === 'national-id') return 'national-id'
  if (family === 'secret') return 'secret'
  if (family === 'identity') return 'contact'
  return undefined
}

/** The content family a category counts towards, if any (outcomes and device ids have none). */
export function familyOfCategory(category: Category): ContentFamily | undefined {
  return FAMILY_OF.get(category)
}

/**
 * The vector for one send, in FEATURES order.
 *
 * @example
 * const vector = featureVector({ features, findings })
 * vector[FEATURE_NAMES.indexOf('signal.lookalike-recipient')] // 1
 */
export function featureVector(input: RiskInput): Float32Array {
  const { features, findings } = input
  // What the model weighs is data leaving: a send to colleagues only has no content to speak
  // of (the relay sees internal mail only when the routing rule sends it; policy rules still
  // read the findings).
  const content = contentOf(features.externalRecipients > 0 ? findings : [])
  const signals = new Set<SignalCode>(features.signals.map((signal) => signal.code))
  const m = features.measures

  const recipients = features.recipients.length
  const external = features.recipients.filter((r) => r.isExternal)
  const newExternal = external.filter((r) => r.sentBefore === 0).length
  const hasSensitive = [...SENSITIVE].some((family) => content.values.get(family) !== undefined)
  const hasExternal = external.length > 0
  const labelNames = (input.labels ?? []).map((label) => label.name ?? '')
  const isConfidential = labelNames.some((name) => CONFIDENTIAL_LABEL.test(name))
  const isLowLabel = labelNames.some((name) => LOW_LABEL.test(name.trim()))

  const values: number[] = [
    ...CONTENT_FAMILIES.flatMap((family) => [
      logScale(content.values.get(family)?.size ?? 0, 50),
      content.confidence.get(family) ?? 0,
    ]),
    logScale(content.boilerplateValues, 50),
    logScale(content.dataSetRows, 1000),
    flag(content.hasEncoded),
    Math.min(content.unscannable, 5) / 5,
    Math.min(content.encrypted, 5) / 5,
    flag(labelNames.length > 0),
    flag(isConfidential),

    ...SIGNAL_CODES.map((code) => flag(signals.has(code))),

    logScale(external.length, 50),
    share(external.length, recipients),
    share(newExternal, external.length),
    logScale(m.newDomains, 10),
    logScale(m.newOrgDomains, 10),
    share(features.recipients.filter((r) => r.isFreeMail).length, recipients),
    logScale(features.attachments.count, 10),
    flag(m.isColdStart),
    1 - clamp(m.hourShare, 0, 1),
    clamp(m.attachmentBytesScore / 4, -1, 1),
    clamp(m.findingsScore / 4, -1, 1),
    logScale(m.visibleExternal, 50),

    flag(hasSensitive && newExternal > 0),
    flag(hasSensitive && external.some((r) => r.isFreeMail)),
    flag(hasExternal && content.values.get('secret') !== undefined),
    flag(hasExternal && content.dataSetRows > 0),
    flag(features.attachments.count > 0 && m.newDomains > 0),
    flag(hasSensitive && isLowLabel),
    flag(isConfidential && m.newDomains > 0),
  ]

  return Float32Array.from(values)
}

interface ContentSummary {
  readonly values: Map<ContentFamily, Set<string>>
  readonly confidence: Map<ContentFamily, number>
  boilerplateValues: number
  dataSetRows: number
  hasEncoded: boolean
  unscannable: number
  encrypted: number
}

function contentOf(findings: readonly Finding[]): ContentSummary {
  const summary: ContentSummary = {
    values: new Map(),
    confidence: new Map(),
    boilerplateValues: 0,
    dataSetRows: 0,
    hasEncoded: false,
    unscannable: 0,
    encrypted: 0,
  }
  const unreadParts = { UNSCANNABLE: new Set<string>(), ENCRYPTED_CONTENT: new Set<string>() }
  const boilerplate = new Set<string>()

  for (const finding of findings) {
    if (finding.category === 'UNSCANNABLE' || finding.category === 'ENCRYPTED_CONTENT') {
      unreadParts[finding.category].add(finding.partId)
      continue
    }
    const family = familyOfCategory(finding.category)
    if (family === undefined) continue

    if (finding.boilerplate !== undefined) {
      boilerplate.add(finding.fingerprint)
      continue
    }
    const seen = summary.values.get(family) ?? new Set<string>()
    seen.add(finding.fingerprint)
    summary.values.set(family, seen)
    summary.confidence.set(
      family,
      Math.max(summary.confidence.get(family) ?? 0, finding.confidence),
    )
    summary.dataSetRows = Math.max(summary.dataSetRows, finding.dataSet?.rows ?? 0)
    if (finding.encoding !== undefined) summary.hasEncoded = true
  }

  summary.boilerplateValues = boilerplate.size
  summary.unscannable = unreadParts.UNSCANNABLE.size
  summary.encrypted = unreadParts.ENCRYPTED_CONTENT.size
  return summary
}

/** log(1 + n) scaled so that `full` maps to 1; larger counts stay a little above 1. */
function logScale(n: number, full: number): number {
  return Math.log1p(Math.max(0, n)) / Math.log1p(full)
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}

function flag(condition: boolean): number {
  return condition ? 1 : 0
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : 0
}
