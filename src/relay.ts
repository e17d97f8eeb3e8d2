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
import { classifyRisk } from './classify/index.js'
import { decide, type Action, type Decision } from './policy/index.js'
import type { Store } from './store/types.js'
import type { BaselineStore } from './store/baseline-types.js'
import {
  composeNotice,
  viewFindings,
  type NextHop,
  type NoticeKind,
  type OutboxRunner,
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
  ctx: Pick<RelayContext, 'config' | 'inspector' | 'baselines'>,
): Promise<Verdict> {
  const content = await ctx.inspector.inspect(input.raw, ctx.config.limits.inspectTimeoutMs)

  const features = await describeSend(sendInputFrom(input.envelope, content, input.receivedAt), {
    internalDomains: ctx.config.internalDomains,
    settings: ctx.config.behavior,
    baselines: ctx.baselines,
  })
  const risk = classifyRisk(features, content.findings)

  const policy = { rules: ctx.config.policy.rules, monitor: ctx.config.monitor }
  const decision = decide({ findings: content.findings, features, risk }, policy)

  const report: VerdictReport = {
    ref: input.ref,
    action: decision.action,
    intended: decision.intended,
    monitored: decision.monitored,
    risk: decision.risk,
    reasons: decision.reasons,
    counts: decision.counts,
    findings: viewFindings(content.findings, content.parts),
    parts: content.parts,
    timings: content.timings,
  }
  return { content, features, decision, report }
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
 * Handles one received message end to end and returns the outcome the upstream server is told.
 * It answers `forwarded` only after the next hop accepted the message and `held` only after the
 * message and its verdict are durably stored. A fault while inspecting is never a release.
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
    timings: { ...roundTimings(verdict.content.timings), decideMs: round(decidedMs) },
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
  notice: NoticeKind | undefined,
): Promise<Outcome> {
  const { envelope, raw, ref } = input
  const result = await ctx.nextHop.send(envelope.mailFrom, envelope.rcptTo, raw)

  switch (result.kind) {
    case 'temporary':
      log.warn({ event: 'next-hop.unavailable', reason: result.reason })
      return { kind: 'next-hop-unavailable', ref }
    case 'permanent':
      log.warn({ event: 'next-hop.refused', code: result.code })
      return { kind: 'next-hop-refused', ref, code: result.code }
    case 'accepted':
      break
  }

  // The next hop took the message for some recipients and refused others for good. The
  // upstream hears 250 (it was accepted); the sender learns which recipients failed.
  if (result.rejected.length > 0) {
    log.warn({ event: 'next-hop.partial', rejected: result.rejected.length })
    await queueNotice('undeliverable', input, verdict, ctx, log, result.rejected)
  }
  if (notice !== undefined) await queueNotice(notice, input, verdict, ctx, log)
  await learnReleased(verdict, ctx, log)
  return { kind: 'forwarded', ref }
}

/**
 * A delivered send becomes part of the sender's habit; a held one does not.
 *
 * TODO: Sends released later from the quarantine (justified by reply, or released by an
 * operator) are learned only once the release path in actions/ calls `learnReleasedSend`
 * (behavior/) after a successful release; until it does, a justified recipient stays "new"
 * and may be asked about again.
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

async function hold(
  input: Inbound,
  verdict: Verdict,
  ctx: RelayContext,
  log: Logger,
  action: 'hold' | 'justify',
): Promise<Outcome> {
  const { ref } = input
  const networkMessageId = verdict.content.headers.networkMessageId

  // Exchange Online retries a message it thinks failed; the same Network-Message-Id arriving
  // again must not be held twice (M365.md §5).
  if (networkMessageId !== undefined) {
    const earlier = await ctx.store.findByNetworkMessageId(networkMessageId)
    if (earlier !== undefined) return { kind: 'duplicate', ref: earlier.id }
  }

  try {
    await ctx.store.quarantine({
      id: ref,
      envelope: input.envelope,
      raw: input.raw,
      action,
      messageId: verdict.content.headers.messageId,
      networkMessageId,
      report: verdict.report,
    })
  } catch (error) {
    log.error({ event: 'quarantine.failed', error: describeError(error) })
    return { kind: 'storage-failed', ref }
  }

  await queueNotice(action === 'hold' ? 'held' : 'justify', input, verdict, ctx, log)
  return { kind: 'held', ref }
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
  try {
    await ctx.store.quarantine({
      id: input.ref,
      envelope: input.envelope,
      raw: input.raw,
      action: 'hold',
      messageId: undefined,
      networkMessageId: undefined,
      report,
    })
    return { kind: 'held', ref: input.ref }
  } catch (storeError) {
    log.error({ event: 'quarantine.failed', error: describeError(storeError) })
    return { kind: 'storage-failed', ref: input.ref }
  }
}

/** Puts a notice for the envelope sender (and the security contact on holds) in the outbox. */
async function queueNotice(
  kind: NoticeKind,
  input: Inbound,
  verdict: Verdict,
  ctx: RelayContext,
  log: Logger,
  undeliverable: readonly string[] = [],
): Promise<void> {
  const notices = ctx.config.notices
  // The null sender (bounces, DSNs) gets no notice: RFC 5321 §4.5.5 forbids replying to it.
  if (!notices.enabled || input.envelope.mailFrom === '') return

  const recipients = kind === 'undeliverable' ? undeliverable : input.envelope.rcptTo
  const external = verdict.features.recipients
    .filter((recipient) => recipient.isExternal)
    .map((recipient) => recipient.address)
  const targets = [input.envelope.mailFrom]
  if (kind === 'held' && notices.securityContact !== undefined) {
    targets.push(notices.securityContact)
  }

  try {
    for (const to of targets) {
      const raw = await composeNotice({
        kind,
        ref: input.ref,
        from: notices.from,
        to,
        recipients,
        externalRecipients: external,
        decision: verdict.decision,
        findings: verdict.report.findings,
        receivedAt: input.receivedAt,
      })
      await ctx.store.enqueue({ kind: 'notice', mailFrom: '', rcptTo: [to], raw })
    }
    ctx.outbox?.kick()
  } catch (error) {
    // The message itself is already safe (delivered or held); a lost notice is an operator
    // problem, not a reason to fail the transaction and make the upstream send it again.
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
