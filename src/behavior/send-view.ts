// What every behaviour signal looks at: this send, the sender's baseline and the organisation's.
import type { OrgBaseline, SenderBaseline } from '../store/baseline-types.js'
import type { BehaviorSettings, RecipientProfile } from './types.js'

export interface ProfiledRecipient extends RecipientProfile {
  /** Lower-cased `local@domainAscii`, the key baselines use. */
  readonly key: string
  readonly local: string
  readonly domainAscii: string
}

export interface SendView {
  readonly at: Date
  readonly hourOfWeek: number
  readonly senderAddress: string
  readonly senderName: string
  /** Undefined until the sender has a released send on record. */
  readonly sender: SenderBaseline | undefined
  readonly org: OrgBaseline
  /** True once the sender's own habit is trusted over the organisation's (warm-up done). */
  readonly isWarm: boolean
  readonly recipients: readonly ProfiledRecipient[]
  /** External addresses in To/Cc, which every recipient can see. */
  readonly visibleExternal: readonly { readonly key: string; readonly domainAscii: string }[]
  readonly attachments: { readonly count: number; readonly bytes: number }
  /** Distinct sensitive values found (contact details in bulk only). */
  readonly findings: number
  readonly settings: BehaviorSettings
  readonly internalDomains: readonly string[]
}

/** Organisation history below this many sends says nothing about a domain being new. */
export const ORG_MIN_SENDS = 50
