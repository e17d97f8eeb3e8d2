// A sender's reply to a justify notice. It is checked (mac, original sender, tenant, deadline,
// not decided yet, written by a person), read (quoted notice and signature removed), judged,
// and then either releases the held message or is refused with a new notice. Anything else is
// ignored: it changes nothing, and only its reason is recorded in the audit log. The reply is
// consumed here and never forwarded.
import type { Logger } from 'pino'
import type { Config } from '../config/index.js'
import { readTopHeader } from '../smtp/raw-header.js'
import type { QuarantineRecord, Store } from '../store/types.js'
import {
  judgeJustification,
  readReplyText,
  refusalSentence,
  type RefusalReason,
} from './justification-text.js'
import { isMacValid, type ReplyRecipient } from './justify-token.js'
import { aboutRecord, composeNotices, pendingRecipients, type NoticeContext } from './notices.js'

/** Why a reply changed nothing. */
export type IgnoredReason =
  | 'malformed-address'
  | 'unknown-message'
  | 'not-justifiable'
  | 'bad-mac'
  | 'wrong-sender'
  | 'wrong-tenant'
  | 'already-decided'
  | 'expired'
  | 'auto-reply'
  | 'too-big'
  | 'unreadable'
  | 'too-many-attempts'

export type ReplyVerdict =
  | { readonly kind: 'accepted'; readonly id: string; readonly released: readonly string[] }
  | { readonly kind: 'refused'; readonly id: string; readonly reason: RefusalReason }
  | { readonly kind: 'ignored'; readonly id: string | undefined; readonly reason: IgnoredReason }

export interface Reply {
  /** The reply transaction's own reference. */
  readonly ref: string
  readonly mailFrom: string
  readonly raw: Buffer
}

export interface ReplyContext {
  readonly store: Store
  readonly notices: NoticeContext
  readonly key: Buffer
  readonly rules: Config['justify']
  readonly now: () => Date
  readonly log: Logger
}

// Reasons that name no held message: their audit rows say only that a reply was refused.
const UNATTRIBUTED: ReadonlySet<IgnoredReason> = new Set(['malformed-address', 'unknown-message'])

/**
 * Handles every justify recipient of one reply, each address once. Ignored verdicts are
 * recorded as one audit row and one log line per reason and held message, with their count
 * (those that name no held message, such as a malformed address or a made-up id, under no
 * message at all), so that a forged reply to hundreds of addresses, made up or naming one real
 * message with wrong macs, writes a row or two, not hundreds. A release or a refusal is
 * durable (its store transition and audit rows) when its verdict is returned; a storage fault
 * rejects.
 *
 * @example
 * const verdicts = await handleReplyRecipients(reply, [readReplyRecipient(rcpt, domain)], ctx)
 * verdicts[0]?.kind // 'accepted'
 */
export async function handleReplyRecipients(
  reply: Reply,
  recipients: readonly ReplyRecipient[],
  ctx: ReplyContext,
): Promise<ReplyVerdict[]> {
  const seen = new Set<string>()
  const verdicts: ReplyVerdict[] = []
  const ignored = new Map<
    string,
    { id: string | undefined; reason: IgnoredReason; count: number }
  >()

  for (const recipient of recipients) {
    // A malformed address costs no lookup: each is counted.
    if (recipient.kind === 'token') {
      const key = `${recipient.id}/${recipient.mac}`
      if (seen.has(key)) continue
      seen.add(key)
    }

    const verdict = await judgeReply(reply, recipient, ctx)
    verdicts.push(verdict)
    if (verdict.kind !== 'ignored') {
      logVerdict(verdict, ctx.log)
      continue
    }
    const id = UNATTRIBUTED.has(verdict.reason) ? undefined : verdict.id
    const key = `${verdict.reason}\u0000${id ?? ''}`
    const entry = ignored.get(key) ?? { id, reason: verdict.reason, count: 0 }
    entry.count++
    ignored.set(key, entry)
  }

  for (const { id, reason, count } of ignored.values()) {
    await ctx.store.audit('justification.ignored', id, reply.mailFrom || '<>', {
      reason,
      replyRef: reply.ref,
      count,
    })
    ctx.log.info({ event: 'justification.ignored', messageRef: id, reason, count })
  }
  return verdicts
}

/** The log line of a release or a refusal (each writes its own audit rows). */
function logVerdict(verdict: Exclude<ReplyVerdict, { kind: 'ignored' }>, log: Logger): void {
  log.info({
    event: `justification.${verdict.kind}`,
    messageRef: verdict.id,
    ...(verdict.kind === 'accepted'
      ? { released: verdict.released.length }
      : { reason: verdict.reason }),
  })
}

async function judgeReply(
  reply: Reply,
  recipient: ReplyRecipient,
  ctx: ReplyContext,
): Promise<ReplyVerdict> {
  if (recipient.kind === 'malformed') return ignored(undefined, 'malformed-address')
  const { id } = recipient

  const record = await ctx.store.getQuarantined(id)
  if (record === undefined) return ignored(id, 'unknown-message')
  const deadline = record.justifyDeadline
  if (record.action !== 'justify' || deadline === undefined) return ignored(id, 'not-justifiable')

  // Who may justify: only the holder of this message's mac, writing as the original sender,
  // from the tenant the message came from. The mac is checked first, so that nothing about
  // the message (its sender, its state) can be learned by guessing.
  if (!isMacValid(ctx.key, { id, sender: record.sender, deadline }, recipient.mac)) {
    return ignored(id, 'bad-mac')
  }
  if (reply.mailFrom.toLowerCase() !== record.sender.toLowerCase()) {
    return ignored(id, 'wrong-sender')
  }
  const tenant = readTopHeader(reply.raw, 'x-ms-exchange-crosstenant-id')?.toLowerCase()
  if (record.tenantId !== undefined && tenant !== record.tenantId) {
    return ignored(id, 'wrong-tenant')
  }

  const pending = pendingRecipients(record)
  if (pending.length === 0) {
    return ignored(id, record.status === 'expired' ? 'expired' : 'already-decided')
  }
  if (ctx.now().getTime() >= deadline.getTime()) return expireLate(record, ctx)

  // RFC 3834 §5: an automatic reply (out of office, a rule) is no justification.
  if (isAutomatic(reply.raw)) return ignored(id, 'auto-reply')
  if (reply.raw.length > ctx.rules.maxReplyBytes) return ignored(id, 'too-big')

  let text: string
  try {
    text = await readReplyText(reply.raw)
  } catch (error) {
    // mailparser could not read the reply: it holds no reason we can accept.
    ctx.log.warn({ event: 'justification.unreadable', messageRef: id, error: errorName(error) })
    return ignored(id, 'unreadable')
  }

  const judgement = judgeJustification(text, ctx.rules)
  if (!judgement.ok) return refuse(record, judgement.reason, ctx)
  return accept(record, judgement.text, pending, ctx)
}

async function accept(
  record: QuarantineRecord,
  text: string,
  pending: readonly string[],
  ctx: ReplyContext,
): Promise<ReplyVerdict> {
  const notices = await composeNotices('released', aboutRecord(record), ctx.notices, {
    recipients: pending,
    released: pending,
  })
  const result = await ctx.store.release(record.id, {
    actor: record.sender,
    note: 'justified by the sender',
    at: ctx.now(),
    recipients: pending,
    justification: text,
    notices,
  })
  // An operator (or another reply) decided in between; the reply came too late to matter.
  if (!result.ok) return ignored(record.id, 'already-decided')
  return { kind: 'accepted', id: record.id, released: result.recipients }
}

async function refuse(
  record: QuarantineRecord,
  reason: RefusalReason,
  ctx: ReplyContext,
): Promise<ReplyVerdict> {
  // A sender (or a misbehaving client) who keeps sending empty replies gets no more notices
  // after maxAttempts, so that two automatic systems cannot answer each other for ever.
  if (record.justifyAttempts >= ctx.rules.maxAttempts)
    return ignored(record.id, 'too-many-attempts')

  const notices = await composeNotices('justification-refused', aboutRecord(record), ctx.notices, {
    recipients: pendingRecipients(record),
    refusal: refusalSentence(reason),
  })
  await ctx.store.refuseJustification(record.id, record.sender, { reason }, notices)
  return { kind: 'refused', id: record.id, reason }
}

/** A reply after the deadline rejects the message now instead of at the next sweep. */
async function expireLate(record: QuarantineRecord, ctx: ReplyContext): Promise<ReplyVerdict> {
  const notices = await composeNotices('expired', aboutRecord(record), ctx.notices, {
    recipients: pendingRecipients(record),
  })
  await ctx.store.expire(record.id, ctx.now(), notices, 'mailward')
  return ignored(record.id, 'expired')
}

// Markers of automatic mail: RFC 3834 Auto-Submitted (anything but "no"), and the older
// headers out-of-office software still sets instead.
function isAutomatic(raw: Buffer): boolean {
  const autoSubmitted = readTopHeader(raw, 'auto-submitted')?.toLowerCase()
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return true
  if (readTopHeader(raw, 'x-autoreply') !== undefined) return true
  if (readTopHeader(raw, 'x-autorespond') !== undefined) return true
  const precedence = readTopHeader(raw, 'precedence')?.toLowerCase()
  return precedence === 'auto_reply' || precedence === 'bulk' || precedence === 'junk'
}

function ignored(id: string | undefined, reason: IgnoredReason): ReplyVerdict {
  return { kind: 'ignored', id, reason }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
