// Contract of the profile stage: what is known about this send compared with the sender's habit.

export interface RecipientProfile {
  readonly address: string
  readonly domain: string
  readonly isExternal: boolean
}

/** Features of one send. The per-sender baseline features are added by the behaviour work. */
export interface SendFeatures {
  /** The sender the message is attributed to: the envelope MAIL FROM, never a header name. */
  readonly sender: string
  readonly recipients: readonly RecipientProfile[]
  readonly externalRecipients: number
  readonly externalDomains: number
}
