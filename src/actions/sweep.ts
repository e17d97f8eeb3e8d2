// The sweep: what has to happen with time rather than with mail. Justify holds past their
// deadline are rejected as expired (the sender is told), decided messages past the retention
// are purged, so are the bytes of outbox items given up as long ago, and released sends are
// learned. `serve` runs it on a timer; `mailward sweep`
// runs it once by hand. Every step is a store transition, so two sweeps at once are harmless.
import { PeriodicPass } from './periodic-pass.js'
import type { Logger } from 'pino'
import type { BaselineStore } from '../store/baseline-types.js'
import type { Store } from '../store/types.js'
import { describeError } from '../log/serializers.js'
import { learnReleases } from './learn-releases.js'
import { aboutRecord, composeNotices, pendingRecipients, type NoticeContext } from './notices.js'

export interface SweepContext {
  readonly store: Store
  readonly notices: NoticeContext
  readonly retentionDays: number
  readonly now: () => Date
  readonly log: Logger
  /** Only a running relay learns: it owns the baselines' in-memory cache. */
  readonly baselines?: BaselineStore | undefined
}

export interface SweepReport {
  readonly expired: readonly string[]
  readonly purged: readonly string[]
  /** Decided messages past retention whose delivery has not finished yet. */
  readonly purgeWaiting: readonly string[]
  /** Outbox items given up before the retention whose bytes were dropped. */
  readonly purgedOutbox: readonly number[]
  readonly learned: number
}

const DAY_MS = 24 * 3600 * 1000

/** Purges per pass, so that one pass after a long pause stays short. */
const PURGE_BATCH = 500

/**
 * Runs one sweep.
 *
 * @example
 * const report = await sweep({ store, notices, retentionDays: 30, now: () => new Date(), log })
 * report.expired // ['mw-…']
 */
export async function sweep(ctx: SweepContext): Promise<SweepReport> {
  const now = ctx.now()

  const expired: string[] = []
  for (const record of await ctx.store.listExpired(now)) {
    const notices = await composeNotices('expired', aboutRecord(record), ctx.notices, {
      recipients: pendingRecipients(record),
    })
    const result = await ctx.store.expire(record.id, now, notices, 'mailward')
    if (result.ok) expired.push(record.id)
  }

  const purged: string[] = []
  const purgeWaiting: string[] = []
  const decidedBefore = new Date(now.getTime() - ctx.retentionDays * DAY_MS)
  const old = await ctx.store.listQuarantined({ decidedBefore, limit: PURGE_BATCH })
  for (const record of old) {
    const result = await ctx.store.purge(record.id, 'mailward')
    if (result.ok) purged.push(record.id)
    else if (result.reason === 'delivery-pending') purgeWaiting.push(record.id)
  }
  const purgedOutbox = await ctx.store.purgeFailedOutbox(decidedBefore, PURGE_BATCH, now)

  const learned = await learnReleases(ctx.store, ctx.baselines, ctx.log)
  return { expired, purged, purgeWaiting, purgedOutbox, learned }
}

/** Runs the sweep every `intervalMs` in the background; `kick()` asks for a pass now. */
export class Sweeper {
  private readonly passes: PeriodicPass

  constructor(
    private readonly ctx: SweepContext,
    intervalMs: number,
    private readonly onSwept: (report: SweepReport) => void = () => undefined,
  ) {
    this.passes = new PeriodicPass(() => this.sweepLogged(), intervalMs)
  }

  start(): void {
    this.passes.start()
  }

  /** Stops the timer and waits for a pass that is running. */
  stop(): Promise<void> {
    return this.passes.stop()
  }

  /** Runs a sweep now, after the one in progress, and returns its report. */
  async sweepNow(): Promise<SweepReport> {
    await this.passes.idle()
    const report = await sweep(this.ctx)
    this.onSwept(report)
    return report
  }

  kick(): void {
    this.passes.kick()
  }

  private async sweepLogged(): Promise<void> {
    try {
      const report = await sweep(this.ctx)
      const { expired, purged, purgeWaiting, purgedOutbox, learned } = report
      if (expired.length + purged.length + purgedOutbox.length + learned > 0) {
        this.ctx.log.info({
          event: 'sweep.done',
          expired: expired.length,
          purged: purged.length,
          purgeWaiting: purgeWaiting.length,
          purgedOutbox: purgedOutbox.length,
          learned,
        })
      }
      this.onSwept(report)
    } catch (error) {
      this.ctx.log.error({ event: 'sweep.failed', error: describeError(error) })
    }
  }
}
