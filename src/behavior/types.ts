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

/** Numbers describing the send against the habit, for the risk model. */
export interface BehaviorMeasures {
  readonly senderSends: number
  readonly isColdStart: boolean
  readonly newRecipients: number
  readonly newDomains: number
  readonly newOrgDomains: number
  /** Smoothed share of the sender's mail sent around this hour on this kind of day, 0..1. */
  readonly hourShare: number
  /** Standard scores of log volume against the habit (0 when nothing is known). */
  readonly attachmentBytesScore: number
  readonly findingsScore: number
  readonly visibleExternal: number
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
