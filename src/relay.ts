// The whole path of one message: inspect (parse, extract, detect in a worker), profile,
// classify, decide, act. The only module that knows every stage; SMTP codes stay in smtp/.
import { performance } from 'node:perf_hooks'
import type { Logger } from 'pino'
import type { Config } from './config/index.js'
import type { Envelope } from './smtp/types.js'
import type { Outcome } from './smtp/replies.js'
import type { Inspector, ContentReport } from './inspect/index.js'
import {
  baselinesFor,
  describeSend,
  learnSend,
  sendInputFrom,
  type SendFeatures,
} from './behavior/index.js'
import { classifyRisk, resolveRiskLevels, type RiskModel } from './classify/index.js'
import { decide, type Action, type Decision } from './policy/index.js'
import type { QuarantineRecord, Store } from './store/types.js'
import type { BaselineStore } from './store/baseline-types.js'
import {
  composeNotices,
  handleReplyRecipients,
  learnReleases,
  narrateHold,
  readReplyRecipient,
  finishPartialDelivery,
  viewFindings,
  type NextHop,
  type NoticeContext,
  type NoticeKind,
  type OutboxRunner,
  type ReplyRecipient,
  type VerdictReport,
} from './actions/index.js'
import { describeError, summarizeDecision } from './log/index.js'

export interface RelayContext {
  readonly config: Config
  readonly store: Store
  readonly inspector: Inspector
  readonly nextHop: NextHop
  readonly outbox: OutboxRunner | undefined
  readonly log: Logger
  /** Sender baselines; by default `<dataDir>/baselines.db`, opened on first use. */
  readonly baselines?: BaselineStore | undefined
  /** Templates, notice settings and the justify key: what composing a notice needs. */
  readonly notices: NoticeContext
  readonly justifyKey: Buffer
  /** The relay's clock for deadlines and replies; tests move it instead of waiting. */
  readonly clock: () => Date
  /**
   * The risk model (one session for the life of the relay). `serve` refuses to start without
   * one; only the training script's rules-only replay decides without it.
   */
  readonly model?: RiskModel | undefined
}

export interface Inbound {
  readonly ref: string
  readonly envelope: Envelope
  readonly raw: Buffer
  readonly receivedAt: Date
}

/** A decision with the evidence behind it. */
export interface Verdict {
  readonly content: ContentReport
  readonly features: SendFeatures
  readonly decision: Decision
  readonly report: VerdictReport
  /** The main-thread stages (parse, extract and detect are in `content.timings`). */
  readonly timings: { readonly profileMs: number; readonly classifyMs: number }
}

/**
 * Inspects a message and decides what to do with it; nothing is sent or stored. This is all
 * of `mailward scan`, and the first half of what the relay does with each message.
 *
 * @example
 * const verdict = await inspect(inbound, ctx)
 * verdict.decision.action // 'hold'
 */
export async function inspect(
  input: Inbound,
  ctx: Pick<RelayContext, 'config' | 'inspector' | 'baselines' | 'model'>,
): Promise<Verdict> {
  const content = await ctx.inspector.inspect(input.raw, ctx.config.limits.inspectTimeoutMs)

  const profiling = performance.now()
  const features = await describeSend(sendInputFrom(input.envelope, content, input.receivedAt), {
    internalDomains: ctx.config.internalDomains,
    settings: ctx.config.behavior,
    baselines: ctx.baselines,
  })
  const classifying = performance.now()
  const risk = await classifyRisk(ctx.model, {
    features,
    findings: content.findings,
    labels: content.labels,
  })
  const classified = performance.now()

  const { rules, risk: levels } = ctx.config.policy
  const policy = {
    rules,
    monitor: ctx.config.monitor,
    risk: resolveRiskLevels(levels, ctx.model),
  }
  const { findings, parts, labels } = content
  const decision = decide({ findings, features, risk, parts, labels }, policy)

  const report: VerdictReport = {
    ref: input.ref,
    action: decision.action,
    intended: decision.intended,
    monitored: decision.monitored,
    risk: decision.risk,
    model: risk?.model,
    riskFactors: decision.riskFactors,
    reasons: decision.reasons,
    counts: decision.counts,
    findings: viewFindings(content.findings, content.parts),
    parts: content.parts,
    labels: content.labels,
    timings: content.timings,
  }
  const timings = { profileMs: classifying - profiling, classifyMs: classified - classifying }
  return { content, features, decision, report, timings }
}

/**
 * True for the actions that deliver the message (release, notify). Only delivered sends are
 * learned into baselines, here and in `mailward replay`, so that a held mistake never becomes
 * the sender's habit.
 */
export function isDelivered(action: Action): boolean {
  return action === 'release' || action === 'notify'
}

/**
 * Handles one SMTP transaction. Recipients at the reply domain are justification replies: they
 * are consumed and never forwarded, and only the remaining recipients (a reply sent to the
 * notice and to a colleague, say) go through inspection like any outbound message.
 */
export async function handleTransaction(input: Inbound, ctx: RelayContext): Promise<Outcome> {
  const replies: ReplyRecipient[] = []
  const others: string[] = []
  for (const rcpt of input.envelope.rcptTo) {
    const reply = readReplyRecipient(rcpt, ctx.config.justify.replyDomain)
    if (reply === undefined) others.push(rcpt)
    else replies.push(reply)
  }
  if (replies.length === 0) return handleMessage(input, ctx)

  const replied = await handleReplies(input, replies, ctx)
  // If the reply could not be recorded, the upstream retries the whole transaction, so the
  // other recipients must not have been delivered yet.
  if (replied.kind !== 'reply-received' || others.length === 0) return replied
  return handleMessage({ ...input, envelope: { ...input.envelope, rcptTo: others } }, ctx)
}

/**
 * Records each justify recipient of a reply. The upstream hears 250 only once every verdict is
 * durable (a release, a refusal, or the audit row of an ignored reply), and the same 250
 * whatever the verdict: a 5xx would bounce to the sender with our text, and nothing should
 * tell someone trying addresses which ones are real. A storage fault answers 451, and the
 * retried reply meets the same checks again (an accepted one is then "already decided").
 */
async function handleReplies(
  input: Inbound,
  replies: readonly ReplyRecipient[],
  ctx: RelayContext,
): Promise<Outcome> {
  // The reply's own ref is replyRef; messageRef is the held message each verdict is about.
  const log = ctx.log.child({ replyRef: input.ref })
  const replyCtx = {
    store: ctx.store,
    notices: ctx.notices,
    key: ctx.justifyKey,
    rules: ctx.config.justify,
    now: ctx.clock,
    log,
  }
  const reply = { ref: input.ref, mailFrom: input.envelope.mailFrom, raw: input.raw }

  let accepted = 0
  try {
    const verdicts = await handleReplyRecipients(reply, replies, replyCtx)
    accepted = verdicts.filter((verdict) => verdict.kind === 'accepted').length
  } catch (error) {
    log.error({ event: 'justification.failed', error: describeError(error) })
    return { kind: 'storage-failed', ref: input.ref }
  }

  ctx.outbox?.kick()
  if (accepted > 0) await learnJustified(ctx, log)
  return { kind: 'reply-received', ref: input.ref }
}

/** A justified release is learned at once by this process, which owns the baselines' cache. */
async function learnJustified(ctx: RelayContext, log: Logger): Promise<void> {
  const baselines = ctx.baselines ?? baselinesFor(ctx.config.dataDir, ctx.config.behavior)
  try {
    await learnReleases(ctx.store, baselines, log)
  } catch (error) {
    // The release is done; the sweep learns what this pass missed.
    log.warn({ event: 'baseline.learn-failed', error: describeError(error) })
  }
}

/**
 * Handles one received message end to end and returns the outcome the upstream server is told.
 * It answers `forwarded` only after the next hop accepted the message for some recipients, with
 * those it deferred kept in the outbox, and `held` only after the message and its verdict are
 * durably stored. A fault while inspecting is never a release.
 */
export async function handleMessage(input: Inbound, relay: RelayContext): Promise<Outcome> {
  const baselines = relay.baselines ?? baselinesFor(relay.config.dataDir, relay.config.behavior)
  const ctx = { ...relay, baselines }
  const log = ctx.log.child({ messageRef: input.ref })
  const started = performance.now()

  let verdict: Verdict
  try {
    verdict = await inspect(input, ctx)
  } catch (error) {
    log.warn({
      event: 'inspect.failed',
      error: describeError(error),
      failMode: ctx.config.failMode,
    })
    return applyFailMode(input, ctx, log, error)
  }
  const decidedMs = performance.now() - started

  const outcome = await act(input, verdict, ctx, log)
  log.info({
    event: 'message.decided',
    ...summarizeDecision(verdict.decision),
    outcome: outcome.kind,
    size: input.raw.length,
    recipients: input.envelope.rcptTo.length,
    externalRecipients: verdict.features.externalRecipients,
    parts: verdict.content.parts.length,
    timings: {
      ...roundTimings(verdict.content.timings),
      profileMs: round(verdict.timings.profileMs),
      classifyMs: round(verdict.timings.classifyMs),
      decideMs: round(decidedMs),
    },
    totalMs: round(performance.now() - started),
  })
  return outcome
}

async function act(input: Inbound, verdict: Verdict, ctx: RelayContext, log: Logger) {
  const { action } = verdict.decision
  switch (action) {
    case 'release':
    case 'notify':
      return forward(input, verdict, ctx, log, action === 'notify' ? 'notified' : undefined)
    case 'hold':
    case 'justify':
      return hold(input, verdict, ctx, log, action)
  }
}

async function forward(
  input: Inbound,
  verdict: Verdict,
  ctx: RelayContext,
  log: Logger,
  notice: 'notified' | undefined,
): Promise<Outcome> {
  const { envelope, raw, ref } = input
  const result = await ctx.nextHop.send(envelope.mailFrom, envelope.rcptTo, raw)

  switch (result.kind) {
    case 'temporary':
      log.warn({ event: 'next-hop.unavailable', reason: result.reason })
      return { kind: 'next-hop-unavailable', ref }
    case 'permanent':
      log.warn({ event: 'next-hop.refused', code: result.code, enhanced: result.enhanced })
      return { kind: 'next-hop-refused', ref, code: result.code, enhanced: result.enhanced }
    case 'accepted':
      break
  }

  // Some recipients have the message now, so the upstream hears 250 whatever happened to the
  // others: a 4xx would make it send the message again to every recipient (see "No message is
  // lost" in docs/architecture.md). The rest is ours to finish.
  if (result.deferred.length > 0 || result.rejected.length > 0) {
    const { deferred, rejected } = result
    log.warn({ event: 'next-hop.partial', deferred: deferred.length, rejected: rejected.length })
    const retryFirstMs = ctx.config.outbox.retryFirstSeconds * 1000
    await finishPartialDelivery(input, result, { ...ctx, retryFirstMs, log })
  }
  if (notice !== undefined) await queueNotice(notice, input, verdict, ctx, log)
  await learnReleased(verdict, ctx, log)
  return { kind: 'forwarded', ref }
}

/**
 * A delivered send becomes part of the sender's habit; a held one does not until it is
 * released (learn-releases.ts learns those, from the observation kept with the hold).
 */
async function learnReleased(verdict: Verdict, ctx: RelayContext, log: Logger): Promise<void> {
  if (ctx.baselines === undefined) return
  try {
    await learnSend(verdict.features, ctx.baselines)
  } catch (error) {
    // The message is delivered already; a baseline that missed one send is only less precise.
    log.warn({ event: 'baseline.learn-failed', error: describeError(error) })
  }
}

/** The same sender, and every recipient of `envelope` among the held record's. */
function isRetryOf(record: QuarantineRecord, envelope: Inbound['envelope']): boolean {
  const held = new Set(record.recipients.map((address) => address.toLowerCase()))
  return (
    record.sender.toLowerCase() === envelope.mailFrom.toLowerCase() &&
    envelope.rcptTo.every((address) => held.has(address.toLowerCase()))
  )
}

async function hold(
  input: Inbound,
  verdict: Verdict,
  ctx: RelayContext,
  log: Logger,
  action: 'hold' | 'justify',
): Promise<Outcome> {
  const { ref, envelope } = input
  const { headers } = verdict.content
  const networkMessageId = headers.networkMessageId

  // Exchange Online retries a message it thinks failed; the same Network-Message-Id arriving
  // again must not be held twice (M365.md §5). It also splits one message into transactions
  // for batches of recipients, all with that id: a copy is a retry only when it comes from the
  // same sender to recipients an earlier copy already holds, and anything else is a message
  // of its own, never dropped.
  if (networkMessageId !== undefined) {
    const earlier = (await ctx.store.findByNetworkMessageId(networkMessageId)).find((record) =>
      isRetryOf(record, envelope),
    )
    if (earlier !== undefined) return { kind: 'duplicate', ref: earlier.id }
  }

  const deadlineMs = ctx.config.justify.deadlineHours * 3600 * 1000
  const justifyDeadline =
    action === 'justify' ? new Date(ctx.clock().getTime() + deadlineMs) : undefined
  const narrative = narrateHold({
    sender: envelope.mailFrom,
    recipients: verdict.features.recipients,
    attachments: verdict.features.attachments,
    size: input.raw.length,
    report: verdict.report,
  })
  const about = {
    ref,
    sender: envelope.mailFrom,
    receivedAt: input.receivedAt,
    recipients: envelope.rcptTo,
    report: verdict.report,
    narrative,
    justifyDeadline,
  }

  try {
    // One consolidated notice to the sender, and for a hold one to the security contact,
    // committed with the message: a crash cannot leave a hold nobody is told about.
    const details = { externalRecipients: externalOf(verdict) }
    const notices = [
      ...(await composeNotices(
        action === 'hold' ? 'held' : 'justify',
        about,
        ctx.notices,
        details,
      )),
      ...(action === 'hold'
        ? await composeNotices('held-security', about, ctx.notices, details)
        : []),
    ]
    await ctx.store.quarantine({
      id: ref,
      receivedAt: input.receivedAt,
      envelope,
      raw: input.raw,
      action,
      messageId: headers.messageId,
      networkMessageId,
      tenantId: headers.tenantId?.toLowerCase(),
      report: verdict.report,
      narrative,
      justifyDeadline,
      observation: verdict.features.observation,
      notices,
    })
  } catch (error) {
    log.error({ event: 'quarantine.failed', error: describeError(error) })
    return { kind: 'storage-failed', ref }
  }

  ctx.outbox?.kick()
  return { kind: 'held', ref }
}

function externalOf(verdict: Verdict): string[] {
  return verdict.features.recipients
    .filter((recipient) => recipient.isExternal)
    .map((recipient) => recipient.address)
}

async function applyFailMode(
  input: Inbound,
  ctx: RelayContext,
  log: Logger,
  error: unknown,
): Promise<Outcome> {
  if (ctx.config.failMode === 'tempfail') return { kind: 'inspection-failed', ref: input.ref }

  const report = {
    ref: input.ref,
    action: 'hold',
    inspectionFailed: error instanceof Error ? error.name : 'unknown',
  }
  const { envelope } = input
  const narrative =
    `${envelope.mailFrom || 'The null sender (<>)'} wrote to ${envelope.rcptTo.join(', ')}; ` +
    `${input.raw.length} bytes. Held unread: inspection failed (${report.inspectionFailed}), ` +
    'and the fail mode is hold. Nothing is known about its content.'
  const about = {
    ref: input.ref,
    sender: envelope.mailFrom,
    receivedAt: input.receivedAt,
    recipients: envelope.rcptTo,
    report: {},
    narrative,
  }
  try {
    // Nothing is known about the content, so the notices quote none: the operator decides.
    const notices = [
      ...(await composeNotices('held', about, ctx.notices)),
      ...(await composeNotices('held-security', about, ctx.notices)),
    ]
    await ctx.store.quarantine({
      id: input.ref,
      receivedAt: input.receivedAt,
      envelope,
      raw: input.raw,
      action: 'hold',
      messageId: undefined,
      networkMessageId: undefined,
      tenantId: undefined,
      report,
      narrative,
      justifyDeadline: undefined,
      observation: undefined,
      notices,
    })
    ctx.outbox?.kick()
    return { kind: 'held', ref: input.ref }
  } catch (storeError) {
    log.error({ event: 'quarantine.failed', error: describeError(storeError) })
    return { kind: 'storage-failed', ref: input.ref }
  }
}

/** Puts the notice about a delivered message that policy asked to point out in the outbox. */
async function queueNotice(
  kind: Extract<NoticeKind, 'notified'>,
  input: Inbound,
  verdict: Verdict,
  ctx: RelayContext,
  log: Logger,
): Promise<void> {
  const about = {
    ref: input.ref,
    sender: input.envelope.mailFrom,
    receivedAt: input.receivedAt,
    recipients: input.envelope.rcptTo,
    report: verdict.report,
  }

  try {
    const details = { externalRecipients: externalOf(verdict) }
    for (const item of await composeNotices(kind, about, ctx.notices, details)) {
      await ctx.store.enqueue({ ...item, messageRef: input.ref })
    }
    ctx.outbox?.kick()
  } catch (error) {
    // The message itself is already delivered; a lost notice is an operator problem, not a
    // reason to fail the transaction and make the upstream send the message again.
    log.error({ event: 'notice.failed', kind, error: describeError(error) })
  }
}

function roundTimings(timings: ContentReport['timings']): Record<string, number> {
  const { parseMs, extractMs, detectMs } = timings
  return { parseMs: round(parseMs), extractMs: round(extractMs), detectMs: round(detectMs) }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}
