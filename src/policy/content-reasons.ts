// Content signals as rule conditions: Purview sensitivity labels (the msip_labels header and
// labels inside files) and parts whose declared type or extension lies about their bytes.
import type { Category } from '../detect/categories.js'
import type { PolicyRule } from '../config/schema.js'
import type { PartReport, SensitivityLabel } from '../extract/types.js'
import type { Reason } from './types.js'

/** What a rule's content conditions matched, and which parts' findings it may count. */
export interface ContentMatch {
  /** Labels the rule asked for that the message carries ([] when it names none). */
  readonly labels: readonly SensitivityLabel[]
  /** Parts whose type lies ([] unless the rule asks for `typeMismatch`). */
  readonly mismatches: readonly PartReport[]
  /** True when a finding in this part counts for the rule. */
  readonly covers: (partId: string) => boolean
}

const EVERYWHERE = (): boolean => true

/**
 * The content conditions of `rule` against the message: undefined when a condition is named
 * and not met (the rule does not hold). A rule naming labels counts only findings inside the
 * labelled content: the whole message for the `msip_labels` header (part "0"), else the file
 * carrying the label and everything read out of it.
 *
 * @example
 * matchContent({ ...rule, labels: ['General'] }, [], labels)?.covers('2/word/document.xml')
 */
export function matchContent(
  rule: PolicyRule,
  parts: readonly PartReport[],
  labels: readonly SensitivityLabel[],
): ContentMatch | undefined {
  const mismatches = rule.typeMismatch === true ? parts.filter(isMismatched) : []
  if (rule.typeMismatch === true && mismatches.length === 0) return undefined

  const wanted = (rule.labels ?? []).map((name) => name.trim().toLowerCase())
  if (wanted.length === 0) return { labels: [], mismatches, covers: EVERYWHERE }

  const matched = labels.filter((label) => label.enabled && labelMatches(label, wanted))
  if (matched.length === 0) return undefined

  const roots = matched.map((label) => label.partId)
  const covers = (partId: string): boolean =>
    roots.some((root) => root === '0' || partId === root || partId.startsWith(`${root}/`))
  return { labels: matched, mismatches, covers }
}

function isMismatched(part: PartReport): boolean {
  return part.typeMismatch !== undefined
}

function labelMatches(label: SensitivityLabel, wanted: readonly string[]): boolean {
  const name = label.name?.trim().toLowerCase()
  return wanted.includes(label.id) || (name !== undefined && wanted.includes(name))
}

/**
 * "a file labelled General carries 2 payment card numbers"; "a file's name or declared type
 * does not match its content (declared image/png, detected application/zip)".
 */
export function contentReason(
  rule: PolicyRule,
  match: ContentMatch,
  carried: string,
  count: number,
  categories: readonly Category[],
): Reason {
  const said: string[] = []

  if (match.labels.length > 0) {
    const names = [...new Set(match.labels.map((label) => label.name ?? label.id))]
    const where = match.labels.some((label) => label.partId === '0') ? 'the message' : 'a file'
    const label = names.join(' / ')
    said.push(
      carried === ''
        ? `${where} carries the label ${label}`
        : `${where} labelled ${label} carries ${carried}`,
    )
  }
  if (match.mismatches.length > 0) {
    const first = match.mismatches[0]?.typeMismatch ?? ''
    const more = match.mismatches.length > 1 ? ` and ${match.mismatches.length - 1} more` : ''
    said.push(`a file's name or declared type does not match its content (${first})${more}`)
    if (match.labels.length === 0 && carried !== '') said.push(`the send carries ${carried}`)
  }

  return {
    code: rule.name,
    text: said.join('; '),
    action: rule.action,
    categories,
    count: Math.max(count, match.mismatches.length, match.labels.length),
  }
}
