// Contract of the detect stage: what goes in (text with its source) and what comes out.
import type { Category } from './categories.js'

/** A text to scan and where it came from. */
export interface TextSource {
  /** Part id from the parse stage ("0" for message headers). */
  readonly partId: string
  readonly origin: 'header' | 'body-text' | 'body-html' | 'attachment'
  readonly text: string
}

/**
 * What backs a match, strongest first: an arithmetic check over the value (Luhn, mod 97, a
 * check letter, a cryptographic checksum), structural rules a random string rarely meets
 * (number ranges, a date inside the value, a vendor prefix with its length, a header that
 * decodes), or only its shape. When two categories claim one span, the better-backed one
 * wins unless the other is clearly surer (resolve-overlaps.ts).
 */
export type Evidence = 'checksum' | 'structure' | 'shape'

/** Where a finding sits in a sender's message, so policy can discount it. */
export type Boilerplate = 'quoted-reply' | 'signature' | 'disclaimer'

/**
 * One occurrence of sensitive data. Offsets point into the `TextSource.text` it came from;
 * the value itself never leaves the detect stage, only a masked sample and a keyed hash.
 */
export interface Finding {
  readonly category: Category
  readonly partId: string
  readonly start: number
  readonly end: number
  /** 0..1: how sure the recognizer is, context words included. */
  readonly confidence: number
  /** e.g. `4111 **** **** 1111`; safe to log and to show a sender. */
  readonly masked: string
  /** Keyed hash of the normalised value: equal values give equal fingerprints, per process. */
  readonly fingerprint: string
  readonly recognizer: string
  readonly boilerplate?: Boilerplate | undefined
  /** Short reason for outcome findings (UNSCANNABLE, ENCRYPTED_CONTENT); never message text. */
  readonly reason?: string | undefined
  /** Set when the value sits in a table of many rows of personal data (one data set). */
  readonly dataSet?: DataSetRef | undefined
  /** Set when the value was found by decoding a base64 or hex run; offsets span the run. */
  readonly encoding?: 'base64' | 'hex' | undefined
  /** What backs the match: a check digit, structural rules, or only its shape (and context). */
  readonly evidence?: Evidence | undefined
}

/** Which data set a finding belongs to: same id = same table. */
export interface DataSetRef {
  /** Unique within one detectAll call: `<partId>#<n>`. */
  readonly id: string
  /** Rows of the table that hold findings. */
  readonly rows: number
}
