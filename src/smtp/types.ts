// What the receive stage knows about a transaction, independent of the message content.

/** The SMTP envelope as received: the only trustworthy sender and recipient list. */
export interface Envelope {
  /** MAIL FROM address; empty string for the null sender (<>). */
  readonly mailFrom: string
  /** Every RCPT TO, Bcc recipients included (they exist nowhere else). */
  readonly rcptTo: readonly string[]
  readonly clientAddress: string
  readonly heloName: string
  readonly tls: boolean
}
