// Contract of the profile stage: what is known about this send compared with the sender's habit.
import type { SendObservation } from '../store/baseline-types.js'

/** Behaviour signals, each a plain-language observation that policy rules can name. */
export const SIGNAL_CODES = [
  'first-contact-recipient',
  'first-contact-domain',
  'lookalike-recipient',
  'same-name-new-address',
  'lookalike-domain',
  'odd-group-member',
  'personal-webmail',
  'exposed-recipients',
  'unusual-hour',
  'unusual-volume',
] as const

export type SignalCode = (typeof SIGNAL_CODES)[number]

export interface BehaviorSignal {
  readonly code: SignalCode
  /** For the sender: "you have never written to …; you write to a similar address … every week". */
  readonly text: string
  /** The recipients the signal is about (may be empty for send-wide signals). */
  readonly recipients: readonly string[]
}

export interface RecipientProfile {
  /** The envelope recipient, IDN domain in Unicode. */
  readonly address: string
  readonly domain: string
  readonly isExternal: boolean
  /** Display name from To/Cc for this address, or '' (Bcc recipients have none). */
  readonly name: string
  readonly isFreeMail: boolean
  /** Earlier sends from this sender to this address, and to this domain. */
  readonly sentBefore: number
  readonly domainSentBefore: number
  /** Senders in the organisation who wrote to this domain before. */
  readonly orgDomainSenders: number
}

/**
 * Numbers describing the send against the habit: the risk model's inputs (docs/behavior.md).
 * Every field is defined for every send, cold start included, so a feature vector never has
 * holes; counts are of envelope recipients outside `internalDomains`.
 */
export interface BehaviorMeasures {
  /** Released sends learned for this sender before this one. */
  readonly senderSends: number
  /** True while senderSends < warmupSends: organisation priors stand in for the habit. */
  readonly isColdStart: boolean
  /** Outside recipients the sender never wrote to. */
  readonly newRecipients: number
  /** Outside domains the sender never wrote to. */
  readonly newDomains: number
  /** Outside domains nobody in the organisation wrote to. */
  readonly newOrgDomains: number
  /** Smoothed share of the sender's mail sent around this hour on this kind of day, 0..1. */
  readonly hourShare: number
  /** Standard scores of log volume against the habit (0 when nothing is known). */
  readonly attachmentBytesScore: number
  readonly findingsScore: number
  /** Outside addresses visible to each other in To/Cc. */
  readonly visibleExternal: number
  /**
   * Share of the sender's group sends (2 to 15 recipients) that repeated an earlier group,
   * 0..1; 0 without group history. High: the sender works in fixed groups.
   */
  readonly groupRepeatShare: number
}

/** Features of one send. */
export interface SendFeatures {
  /** The sender the message is attributed to: the envelope MAIL FROM, never a header name. */
  readonly sender: string
  readonly recipients: readonly RecipientProfile[]
  readonly externalRecipients: number
  readonly externalDomains: number
  readonly attachments: { readonly count: number; readonly bytes: number }
  readonly signals: readonly BehaviorSignal[]
  readonly measures: BehaviorMeasures
  /** What learning records if the send is released. */
  readonly observation: SendObservation
}

/** The `behavior` section of the configuration. */
export interface BehaviorSettings {
  readonly enabled: boolean
  /** IANA time zone in which hours of the week are counted. */
  readonly timeZone: string
  /** Usual working hours (weekdays), the hour prior before the organisation has history. */
  readonly workingHours: { readonly start: number; readonly end: number }
  /** Sends before a sender's own habit is trusted over the organisation's. */
  readonly warmupSends: number
  readonly cacheSenders: number
  /** Extra free-mail domains, added to the maintained list. */
  readonly freeMailDomains: readonly string[]
  /** External addresses visible to each other in To/Cc from which Bcc was due. */
  readonly visibleExternalLimit: number
}
