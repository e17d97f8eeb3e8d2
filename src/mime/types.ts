// The typed message that the parse stage hands to every later stage.

/** A mailbox with its parts normalised for comparison. */
export interface Address {
  /** Display name as decoded; never used as an address. */
  readonly name: string
  /** Address as written, lower-cased domain, IDN domains in Unicode. */
  readonly address: string
  readonly local: string
  readonly domain: string
  /** Domain in ASCII (punycode) form, for comparisons with DNS names. */
  readonly domainAscii: string
}

/**
 * One leaf of the MIME tree (or a decoded blob found inside a text part, such as a uuencoded
 * file). `id` is a stable dotted path ("1", "2.1", "2.1.3"), used in findings and reports.
 */
export interface MessagePart {
  readonly id: string
  /** Lower-cased media type as declared by the sender, e.g. "application/pdf". */
  readonly declaredType: string
  readonly filename: string | undefined
  readonly disposition: 'inline' | 'attachment' | 'none'
  /** The decoded content (transfer encoding removed). */
  readonly content: Buffer
  /** How many message/rfc822 levels this part is nested inside (0 for the outer message). */
  readonly depth: number
  /**
   * Where the part came from inside the MIME tree. `outside-parts` is the text of a message
   * that lies outside every part mailparser reads: preambles, epilogues (and parts after a
   * close delimiter), the body of a multipart whose boundary is missing or never matches.
   */
  readonly origin: 'body-text' | 'body-html' | 'attachment' | 'embedded' | 'outside-parts'
  /** Charset problem found while decoding a text part, if any (e.g. "utf-7 refused"). */
  readonly charsetProblem?: string | undefined
}

/** Header values the later stages rely on, already unfolded and decoded. */
export interface HeadersOfInterest {
  readonly messageId: string | undefined
  readonly subject: string
  readonly from: readonly Address[]
  readonly sender: readonly Address[]
  readonly replyTo: readonly Address[]
  readonly to: readonly Address[]
  readonly cc: readonly Address[]
  readonly date: Date | undefined
  /** `X-MS-Exchange-CrossTenant-Id`, lower-cased, when present. */
  readonly tenantId: string | undefined
  /** `X-MS-Exchange-CrossTenant-Network-Message-Id`, the idempotency key Exchange gives. */
  readonly networkMessageId: string | undefined
  /** Raw `msip_labels` value, unfolded. */
  readonly msipLabels: string | undefined
  /** `Auto-Submitted` / inbox-rule loop markers, for automation signals. */
  readonly autoSubmitted: string | undefined
  readonly inboxRulesLoop: string | undefined
}

/** A parsed message: headers, every leaf part, and the text of the headers worth scanning. */
export interface Message {
  readonly headers: HeadersOfInterest
  /** Every leaf part, body alternatives included, in document order. */
  readonly parts: readonly MessagePart[]
  /** Problems met while parsing that make the parse incomplete (limits hit, structure errors). */
  readonly problems: readonly ParseProblem[]
  /** Raw size in bytes. */
  readonly size: number
  /**
   * Header text worth scanning: subjects of this and attached messages (part id of the
   * message, "0" for this one), attachment names (part id of the attachment), and free-text
   * header fields such as `X-Note` or Content-Description (`<message id>/header/<field name>`).
   */
  readonly headerTexts?: readonly { readonly partId: string; readonly text: string }[]
  /**
   * The other header fields (addresses, ids, dates, trace and machine fields), with the same
   * part ids as free-text fields: scanned for self-proving data only (inspect/content.ts).
   */
  readonly machineHeaderTexts?: readonly { readonly partId: string; readonly text: string }[]
}

export interface ParseProblem {
  readonly partId: string
  readonly reason: string
}
