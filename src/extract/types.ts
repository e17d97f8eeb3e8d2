// Contract of the extract stage: text out of every part, and an honest report per part.
import type { TextSource, Finding } from '../detect/types.js'

/** How a part was read, or why it was not. */
export interface PartReport {
  readonly partId: string
  readonly declaredType: string
  /** Type judged from the bytes (magic numbers), e.g. "application/pdf"; "unknown" if none. */
  readonly detectedType: string
  readonly filename: string | undefined
  readonly size: number
  /** Extractor that read it ("text", "html", "pdf", ...), or "none". */
  readonly method: string
  readonly status: 'inspected' | 'encrypted' | 'unscannable'
  readonly textBytes: number
  /** Why it was not (fully) read: a fixed phrase naming the format or the limit, never content. */
  readonly reason?: string | undefined
}

export interface ExtractLimits {
  /** Deepest nesting of containers (archives, attached mail) that is opened. */
  readonly maxDepth: number
  /** Most entries read from one archive. */
  readonly maxEntries: number
  /** Most bytes of text produced for the whole message. */
  readonly maxTextBytes: number
  /** Highest expansion ratio (uncompressed / compressed) accepted for an archive entry. */
  readonly maxRatio: number
  /** Wall-clock budget for one part, in milliseconds. */
  readonly partTimeMs: number
}

export interface Extraction {
  readonly texts: readonly TextSource[]
  /** UNSCANNABLE / ENCRYPTED_CONTENT outcomes (and any finding from file structure). */
  readonly findings: readonly Finding[]
  readonly parts: readonly PartReport[]
}
