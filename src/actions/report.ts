// The verdict report: what `scan --json` prints and the quarantine keeps. Built from an
// allowlist of fields: categories, masked samples, part descriptions; never a value.
import type { Finding } from '../detect/types.js'
import type { PartReport, SensitivityLabel } from '../extract/types.js'
import type { Decision } from '../policy/types.js'
import type { StageTimings } from '../inspect/types.js'

export interface FindingView {
  readonly category: Finding['category']
  readonly partId: string
  readonly where: string
  readonly confidence: number
  readonly masked: string
  readonly recognizer: string
  readonly boilerplate?: string | undefined
  readonly reason?: string | undefined
}

export interface VerdictReport {
  readonly ref: string
  readonly action: Decision['action']
  readonly intended: Decision['action']
  readonly monitored: boolean
  readonly risk: number | null
  /** The model that scored the send (`<id>@<version>`), and what raised its risk most. */
  readonly model?: string | undefined
  readonly riskFactors?: Decision['riskFactors']
  readonly reasons: Decision['reasons']
  readonly counts: Decision['counts']
  readonly findings: readonly FindingView[]
  readonly parts: readonly PartReport[]
  /** Purview sensitivity labels of the message and its files (ids and names, no content). */
  readonly labels?: readonly SensitivityLabel[]
  readonly timings: StageTimings
  readonly inspectionFailed?: string | undefined
}

// Ids the parse stage gives to what is not a part: `<message>/header/<field>` for a free-text
// header field, `<message>/structure` for a structure problem ("0" is the outer message).
const HEADER_FIELD_ID = /^[\d.]+\/header\/(.+)$/
const STRUCTURE_ID = /^[\d.]+\/structure$/

/**
 * Describes a part for people: "message text", "attachment report.pdf", "subject",
 * "header X-Note", "text outside the MIME parts".
 */
export function describePart(partId: string, parts: readonly PartReport[]): string {
  if (partId === '0') return 'subject'

  const [root] = partId.split('/')
  const part = parts.find((candidate) => candidate.partId === root)
  if (part === undefined) return describeMessageLevel(partId, root ?? '')
  if (part.section === 'outside-parts') return 'text outside the MIME parts'
  if (part.declaredType === 'text/plain' && part.filename === undefined) return 'message text'
  if (part.declaredType === 'text/html' && part.filename === undefined) return 'message HTML'

  const inner = partId.includes('/') ? ` (${partId.slice(partId.indexOf('/') + 1)})` : ''
  return part.filename === undefined
    ? `attachment ${part.partId}${inner}`
    : `attachment ${part.filename}${inner}`
}

// A message (the outer one, "0", or an attached one) is not a part of its own, so a root that
// names no part is a message, and what follows it is a header field or its structure.
function describeMessageLevel(partId: string, root: string): string {
  const ofMessage = root === '0' ? '' : ` (message ${root})`
  const field = HEADER_FIELD_ID.exec(partId)?.[1]

  if (field !== undefined) return `header ${field}${ofMessage}`
  if (STRUCTURE_ID.test(partId)) return `MIME structure${ofMessage}`
  return `part ${partId}`
}

/** One view per finding, deduplicated by (category, value, part). */
export function viewFindings(
  findings: readonly Finding[],
  parts: readonly PartReport[],
): FindingView[] {
  const seen = new Set<string>()
  const views: FindingView[] = []
  for (const finding of findings) {
    const key = `${finding.category}\0${finding.fingerprint}\0${finding.partId}`
    if (seen.has(key)) continue
    seen.add(key)

    views.push({
      category: finding.category,
      partId: finding.partId,
      where: describePart(finding.partId, parts),
      confidence: Math.round(finding.confidence * 100) / 100,
      masked: finding.masked,
      recognizer: finding.recognizer,
      boilerplate: finding.boilerplate,
      reason: finding.reason,
    })
  }
  return views
}
