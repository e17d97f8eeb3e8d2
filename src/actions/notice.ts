// Notices to senders and the security contact: one consolidated message per held message (never
// one per finding), rendered from the templates in config/templates/ with masked evidence
// only. They go to the envelope sender, never to an address taken from a header.
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import type { Reason } from '../policy/types.js'
import type { NoticeKind, NoticeTemplates } from './notice-templates.js'
import type { Undelivered } from './notices.js'
import type { FindingView } from './report.js'
import { renderTemplate, type TemplateScope } from './template.js'

export type { NoticeKind } from './notice-templates.js'

export interface NoticeInput {
  readonly kind: NoticeKind
  /** The held (or delivered) message's reference. */
  readonly ref: string
  readonly from: string
  readonly to: string
  /** The envelope sender of the message the notice is about. */
  readonly sender: string
  readonly receivedAt: Date
  /** The recipients the notice is about. */
  readonly recipients: readonly string[]
  /** Undeliverable notices: who the message will not reach, and why. */
  readonly undelivered?: readonly Undelivered[] | undefined
  readonly externalRecipients?: readonly string[] | undefined
  readonly reasons: readonly Reason[]
  readonly findings: readonly FindingView[]
  /** Justify notices: the address a reply goes to; becomes the notice's Reply-To. */
  readonly replyAddress?: string | undefined
  readonly deadline?: Date | undefined
  readonly released?: readonly string[] | undefined
  readonly stillHeld?: readonly string[] | undefined
  /** Why a reply was not accepted as a justification, in words for the sender. */
  readonly refusal?: string | undefined
  readonly narrative?: string | undefined
}

/** Masked samples shown under each reason; enough to recognise the data, never a list of it. */
const SAMPLES_PER_REASON = 3

/**
 * Builds the notice as a raw RFC 5322 message with a plain-text and an HTML alternative.
 *
 * @example
 * const raw = await composeNotice({ kind: 'held', ref, from, to: sender, ... }, templates)
 * await store.enqueue({ kind: 'notice', mailFrom: '', rcptTo: [sender], raw })
 */
export async function composeNotice(
  input: NoticeInput,
  templates: NoticeTemplates,
): Promise<Buffer> {
  const template = templates[input.kind]
  const scope = noticeScope(input)
  const subject = renderTemplate(template.subject, scope, 'text').replace(/\s+/g, ' ').trim()

  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    ...(input.replyAddress === undefined ? {} : { replyTo: input.replyAddress }),
    subject,
    text: renderTemplate(template.text, scope, 'text'),
    html: renderTemplate(template.html, scope, 'html'),
    headers: {
      // RFC 3834: an automatic message; auto-responders must not answer it, and Exchange's
      // own header asks Outlook not to send out-of-office or read receipts back.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Mailward-Ref': input.ref,
      'X-Mailward-Notice': input.kind,
    },
  })
  return composer.compile().build()
}

/** The values a template sees. Detected data appears only as masked samples. */
export function noticeScope(input: NoticeInput): TemplateScope {
  return {
    ref: input.ref,
    sentAt: `${formatUtc(input.receivedAt)} UTC`,
    sender: input.sender === '' ? '<>' : input.sender,
    recipientList: input.recipients.join(', '),
    undelivered: (input.undelivered ?? []).map(({ address, why }) => ({ address, why })),
    externalList: (input.externalRecipients ?? []).join(', '),
    reasons: input.reasons.map((reason) => ({
      text: `${capitalize(reason.text)}.`,
      samples: samplesFor(reason, input.findings),
    })),
    replyAddress: input.replyAddress,
    deadline: input.deadline === undefined ? undefined : `${formatUtc(input.deadline)} UTC`,
    releasedList: input.released?.join(', '),
    heldList: input.stillHeld?.join(', '),
    refusal: input.refusal,
    narrative: input.narrative,
    hasReasons: input.reasons.length > 0 ? 'yes' : undefined,
  }
}

function samplesFor(reason: Reason, findings: readonly FindingView[]): TemplateScope[] {
  const seen = new Set<string>()
  const samples: TemplateScope[] = []
  for (const finding of findings) {
    if (!reason.categories.includes(finding.category) || finding.masked === '') continue
    const key = `${finding.masked}\0${finding.where}`
    if (seen.has(key)) continue
    seen.add(key)
    samples.push({ masked: finding.masked, where: finding.where })
    if (samples.length === SAMPLES_PER_REASON) break
  }
  return samples
}

function formatUtc(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 16)
}

/** Capitalises a sentence, unless it starts with an address or domain ("examp1e.com is …"). */
function capitalize(text: string): string {
  const [first = ''] = text.split(' ', 1)
  if (first.includes('.') || first.includes('@')) return text
  return text.charAt(0).toUpperCase() + text.slice(1)
}
