// Which notice goes to whom after each event of the loop, ready for the outbox. The sender is
// the envelope sender of the held message; the security contact gets only the narrative of a
// hold. Composition happens before the store commits the event, so that the event and its
// notices are written in one transaction.
import type { Config } from '../config/index.js'
import type { NewOutboxItem, QuarantineRecord } from '../store/types.js'
import { replyAddressFor } from './justify-token.js'
import { composeNotice, type NoticeKind } from './notice.js'
import type { NoticeTemplates } from './notice-templates.js'
import type { VerdictReport } from './report.js'

export interface NoticeContext {
  readonly templates: NoticeTemplates
  readonly settings: Config['notices']
  readonly replyDomain: string
  /** The justify key; without it (a CLI run) justify and refusal notices cannot be written. */
  readonly key: Buffer | undefined
}

/** The held (or delivered) message a notice is about. */
export interface NoticeAbout {
  readonly ref: string
  readonly sender: string
  readonly receivedAt: Date
  readonly recipients: readonly string[]
  readonly report: Partial<Pick<VerdictReport, 'reasons' | 'findings'>>
  readonly narrative?: string | undefined
  readonly justifyDeadline?: Date | undefined
}

/** A recipient the message will not reach, and why, in words for the sender. */
export interface Undelivered {
  readonly address: string
  readonly why: string
}

export interface NoticeDetails {
  /** The recipients this notice is about, when not all of the message's. */
  readonly recipients?: readonly string[] | undefined
  /** Undeliverable notices: each recipient the message will not reach, and why. */
  readonly undelivered?: readonly Undelivered[] | undefined
  readonly externalRecipients?: readonly string[] | undefined
  readonly released?: readonly string[] | undefined
  readonly stillHeld?: readonly string[] | undefined
  readonly refusal?: string | undefined
}

/**
 * The outbox items for one notice: to the sender, or for `held-security` to the security
 * contact. Empty when notices are off, for the null sender (RFC 5321 §4.5.5: nothing is sent
 * back to <>), or when no security contact is configured.
 */
export async function composeNotices(
  kind: NoticeKind,
  about: NoticeAbout,
  ctx: NoticeContext,
  details: NoticeDetails = {},
): Promise<NewOutboxItem[]> {
  if (!ctx.settings.enabled) return []
  const to = kind === 'held-security' ? ctx.settings.securityContact : about.sender
  if (to === undefined || to === '') return []

  const raw = await composeNotice(
    {
      kind,
      ref: about.ref,
      from: ctx.settings.from,
      to,
      sender: about.sender,
      receivedAt: about.receivedAt,
      recipients: details.recipients ?? about.recipients,
      undelivered: details.undelivered,
      externalRecipients: details.externalRecipients,
      reasons: about.report.reasons ?? [],
      findings: about.report.findings ?? [],
      replyAddress: needsReplyAddress(kind) ? replyAddressOf(about, ctx) : undefined,
      deadline: about.justifyDeadline,
      released: details.released,
      stillHeld: details.stillHeld,
      refusal: details.refusal,
      narrative: about.narrative,
    },
    ctx.templates,
  )
  return [{ kind: 'notice', quarantineId: undefined, mailFrom: '', rcptTo: [to], raw }]
}

function needsReplyAddress(kind: NoticeKind): boolean {
  return kind === 'justify' || kind === 'justification-refused'
}

function replyAddressOf(about: NoticeAbout, ctx: NoticeContext): string {
  if (ctx.key === undefined || about.justifyDeadline === undefined) {
    throw new Error(`notice for ${about.ref} needs the justify key and a deadline`)
  }
  const subject = { id: about.ref, sender: about.sender, deadline: about.justifyDeadline }
  return replyAddressFor(ctx.key, subject, ctx.replyDomain)
}

/** What notices need to know about a quarantined message. */
export function aboutRecord(record: QuarantineRecord): NoticeAbout {
  return {
    ref: record.id,
    sender: record.sender,
    receivedAt: record.receivedAt,
    recipients: record.recipients,
    report: record.report as Partial<VerdictReport>,
    narrative: record.narrative,
    justifyDeadline: record.justifyDeadline,
  }
}

/** The recipients of a held message still waiting for a decision, in envelope order. */
export function pendingRecipients(record: QuarantineRecord): string[] {
  return record.recipientStates
    .filter((state) => state.status === 'pending')
    .map((state) => state.address)
}
