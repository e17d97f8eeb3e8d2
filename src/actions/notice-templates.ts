// The notice templates: one plain-text and one HTML file per kind of notice, loaded and
// checked once at start. The text file starts with a `Subject:` line and a blank line.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseTemplate, type TemplateNode, type Variables } from './template.js'

/** Every notice mailward sends, each from its own pair of templates. */
export const NOTICE_KINDS = [
  'notified',
  'held',
  'held-security',
  'justify',
  'justification-refused',
  'released',
  'rejected',
  'expired',
  'undeliverable',
] as const

export type NoticeKind = (typeof NOTICE_KINDS)[number]

/** The templates shipped with mailward. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(
  new URL('../../config/templates/', import.meta.url),
)

/**
 * The variables every template may use. Values are already safe to show: detected data only
 * as the masked samples the detect stage produced; no subject, body or file content.
 */
export const NOTICE_VARIABLES: Variables = {
  ref: 'text',
  sentAt: 'text',
  sender: 'text',
  recipientList: 'text',
  /** Undeliverable notices: one item per recipient the message will not reach. */
  undelivered: { list: { address: 'text', why: 'text' } },
  externalList: 'text',
  reasons: { list: { text: 'text', samples: { list: { masked: 'text', where: 'text' } } } },
  replyAddress: 'text',
  deadline: 'text',
  releasedList: 'text',
  heldList: 'text',
  refusal: 'text',
  narrative: 'text',
  /** 'yes' when the notice has reasons; for a heading above {{#reasons}}. */
  hasReasons: 'text',
}

export interface NoticeTemplate {
  readonly subject: readonly TemplateNode[]
  readonly text: readonly TemplateNode[]
  readonly html: readonly TemplateNode[]
}

export type NoticeTemplates = Readonly<Record<NoticeKind, NoticeTemplate>>

export type TemplatesResult =
  | { readonly ok: true; readonly templates: NoticeTemplates }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * Loads `<kind>.txt` and `<kind>.html` for every notice kind from `dir`, collecting every
 * problem (missing file, no Subject line, unknown variable, unclosed section) before failing.
 *
 * @example
 * const loaded = loadNoticeTemplates(DEFAULT_TEMPLATES_DIR)
 * if (!loaded.ok) throw new Error(loaded.problems.join('\n'))
 */
export function loadNoticeTemplates(dir: string = DEFAULT_TEMPLATES_DIR): TemplatesResult {
  const problems: string[] = []
  const templates: Partial<Record<NoticeKind, NoticeTemplate>> = {}

  for (const kind of NOTICE_KINDS) {
    const text = readTemplate(dir, `${kind}.txt`, problems)
    const html = readTemplate(dir, `${kind}.html`, problems)
    if (text === undefined || html === undefined) continue

    const split = splitSubject(text)
    if (split === undefined) {
      problems.push(`${kind}.txt: line 1: must be "Subject: …" followed by a blank line`)
      continue
    }
    const subject = parsed(`${kind}.txt`, split.subject, problems)
    const body = parsed(`${kind}.txt`, split.body, problems, 2)
    const htmlNodes = parsed(`${kind}.html`, html, problems)
    if (subject === undefined || body === undefined || htmlNodes === undefined) continue
    templates[kind] = { subject, text: body, html: htmlNodes }
  }

  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, templates: templates as NoticeTemplates }
}

function readTemplate(dir: string, name: string, problems: string[]): string | undefined {
  try {
    return readFileSync(join(dir, name), 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    problems.push(`${name}: cannot read the file (${reason})`)
    return undefined
  }
}

function splitSubject(text: string): { subject: string; body: string } | undefined {
  const match = /^Subject:[ \t]*(.*)\r?\n\r?\n/.exec(text)
  if (match === null) return undefined
  return { subject: match[1] ?? '', body: text.slice(match[0].length) }
}

function parsed(
  name: string,
  source: string,
  problems: string[],
  firstLine = 0,
): readonly TemplateNode[] | undefined {
  const result = parseTemplate(source, NOTICE_VARIABLES)
  if (result.ok) return result.nodes
  // Lines are counted from the body; the Subject line and the blank line come first.
  for (const problem of result.problems) {
    problems.push(
      `${name}: ${problem.replace(/^line (\d+)/, (_, n: string) => `line ${Number(n) + firstLine}`)}`,
    )
  }
  return undefined
}
