// Notices to senders and the security contact: plain explanations built from templates, with
// masked evidence only. They go to the envelope sender, never to an address from a header.
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import type { Decision } from '../policy/types.js'
import type { FindingView } from './report.js'

export type NoticeKind = 'notified' | 'held' | 'justify' | 'undeliverable'

export interface NoticeInput {
  readonly kind: NoticeKind
  readonly ref: string
  readonly from: string
  readonly to: string
  readonly recipients: readonly string[]
  readonly externalRecipients: readonly string[]
  readonly decision: Decision
  readonly findings: readonly FindingView[]
  readonly receivedAt: Date
}

const SAMPLES_PER_REASON = 3

const OPENING: Readonly<Record<NoticeKind, string>> = {
  notified:
    'Your message was delivered, but it contained data that our policy asks us to point out.',
  held: 'Your message has not been sent. It is held for review by the security team.',
  justify:
    'Your message has not been sent. It is held until a member of the security team has ' +
    'checked the reason for sending it.',
  undeliverable: 'Your message could not be delivered to some of its recipients.',
}

const NEXT_STEP: Readonly<Record<NoticeKind, string>> = {
  notified: 'You do not need to do anything. If this was a mistake, contact the recipient.',
  held:
    'You do not need to send it again. The security team will release or reject it, and you ' +
    'will hear from them if they need more from you.',
  // TODO: Justification by reply is not processed yet, so the sender is pointed to the
  // security team instead of being asked to reply to this notice.
  justify:
    'If the message should go out, tell the security team why, quoting the reference below. ' +
    'You do not need to send it again.',
  undeliverable: 'Check the addresses listed below and send the message again if needed.',
}

/** Builds the notice as a raw RFC 5322 message (nodemailer's MIME composer). */
export async function composeNotice(input: NoticeInput): Promise<Buffer> {
  const subject = `[mailward] ${subjectFor(input.kind)} (ref ${input.ref})`
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    subject,
    text: noticeText(input),
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Mailward-Ref': input.ref,
    },
  })
  return composer.compile().build()
}

/** The plain-text body. Recipients are listed; values appear only as masked samples. */
export function noticeText(input: NoticeInput): string {
  const sent = input.receivedAt.toISOString().replace('T', ' ').slice(0, 16)
  const lines = [
    OPENING[input.kind],
    '',
    `Reference: ${input.ref}`,
    `Sent: ${sent} UTC`,
    `To: ${input.recipients.join(', ')}`,
  ]
  if (input.externalRecipients.length > 0) {
    lines.push(`Outside the organisation: ${input.externalRecipients.join(', ')}`)
  }

  if (input.decision.reasons.length > 0) {
    lines.push('', 'Why:')
    for (const reason of input.decision.reasons) {
      lines.push(`  - ${capitalize(reason.text)}.`)
      const samples = input.findings
        .filter((finding) => reason.categories.includes(finding.category) && finding.masked !== '')
        .slice(0, SAMPLES_PER_REASON)
      for (const sample of samples) lines.push(`      ${sample.masked} (${sample.where})`)
    }
  }

  lines.push('', NEXT_STEP[input.kind], '', '-- ', 'mailward data-loss prevention')
  return `${lines.join('\n')}\n`
}

function subjectFor(kind: NoticeKind): string {
  switch (kind) {
    case 'notified':
      return 'Sensitive data in a message you sent'
    case 'held':
      return 'Your message is held for review'
    case 'justify':
      return 'Your message is held until its reason is checked'
    case 'undeliverable':
      return 'Your message could not be delivered to every recipient'
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
