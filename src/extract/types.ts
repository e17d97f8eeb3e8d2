// Contract of the extract stage: text out of every part, and an honest report per part.
import type { TextSource, Finding } from '../detect/types.js'

/** How a part, or a member inside one (archive entry, decoded block), was read, or why not. */
export interface PartReport {
  /** MIME part id, or `<partId>/<member path>` for a member. */
  readonly partId: string
  /** For a member: the part or member that contains it. */
  readonly parent?: string | undefined
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
  /**
   * Set when the declared media type or the file-name extension names a different family than
   * the bytes, e.g. "declared image/png, detected application/zip". A signal for policy.
   */
  readonly typeMismatch?: string | undefined
  /**
   * Set on the part that holds the text of a message outside every MIME part (preambles,
   * epilogues, the body of a multipart whose boundary is unusable), which has no type or name.
   */
  readonly section?: 'outside-parts' | undefined
}

/**
 * A Microsoft Purview sensitivity label of the message (msip_labels header, M365.md §7.1) or of
 * a file inside it (§7.2, PDF Info keys).
 */
export interface SensitivityLabel {
  /** Part id or member path of the file that carries the label; "0" for the header. */
  readonly partId: string
  /** Label GUID, lower-case, without braces. */
  readonly id: string
  /** Label name when the file stores one (custom.xml does, LabelInfo.xml does not). */
  readonly name?: string | undefined
  /** Tenant (Entra) id, lower-case, without braces, when stored. */
  readonly siteId?: string | undefined
  readonly enabled: boolean
  /** "Standard" (default/automatic) or "Privileged" (chosen by a user), when stored. */
  readonly method?: string | undefined
  readonly source:
    | 'msip_labels'
    | 'docProps/custom.xml'
    | 'docMetadata/LabelInfo.xml'
    | 'DataSpaces/LabelInfo'
    | 'pdf/Info'
    | 'ole/DocumentSummaryInformation'
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
  /** Most bytes inflated out of archives (all entries, all parts) for one message. */
  readonly maxInflatedBytes?: number
}

export interface Extraction {
  readonly texts: readonly TextSource[]
  /** UNSCANNABLE / ENCRYPTED_CONTENT outcomes (and any finding from file structure). */
  readonly findings: readonly Finding[]
  readonly parts: readonly PartReport[]
  /** Sensitivity labels: the msip_labels header's first, then those read from files. */
  readonly labels?: readonly SensitivityLabel[]
}
