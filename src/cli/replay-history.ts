// Replaying a sent-mail history through the relay's own path: inspect (parse, extract, detect),
// profile against the baselines, decide; then learn, as the relay learns a delivered send.
// Nothing is sent. `mailward replay`, `mailward baseline learn` and the behaviour evaluation
// all run here.
import { learnSend } from '../behavior/index.js'
import type { Config } from '../config/index.js'
import type { Action } from '../policy/index.js'
import type { RiskModel } from '../classify/index.js'
import type { Inspector } from '../inspect/index.js'
import { inspect, isDelivered, type Verdict } from '../relay.js'
import { newMessageRef } from '../smtp/server.js'
import type { BaselineStore } from '../store/baseline-types.js'
import type { HistoryEntry, HistoryMessage } from './history/read-history.js'

export interface ReplayContext {
  readonly config: Config
  readonly inspector: Inspector
  readonly baselines: BaselineStore
  /** Scores each send as the relay does; none: the rules-only decision (training). */
  readonly model?: RiskModel | undefined
}

/** Which replayed sends become part of the sender's habit. */
export type LearnRule = (action: Action, entry: HistoryEntry) => boolean

/** As the relay: what it delivers (release, notify). */
export const LEARN_DELIVERED: LearnRule = (action) => isDelivered(action)

/**
 * As the relay once senders justify what they meant to send: a history holds mail that was
 * sent, so a send policy asked to justify was justified, then released and learned.
 */
export const LEARN_JUSTIFIED: LearnRule = (action) => isDelivered(action) || action === 'justify'

/** Bootstrapping (`baseline learn`): every send of a sent-mail history was sent. */
export const LEARN_EVERYTHING: LearnRule = () => true

export type ReplayStep =
  | {
      readonly kind: 'decided'
      readonly entry: HistoryEntry
      readonly message: HistoryMessage
      readonly verdict: Verdict
      readonly learned: boolean
    }
  | {
      readonly kind: 'failed'
      readonly entry: HistoryEntry
      readonly message: HistoryMessage | undefined
      /** The error's class name only: its message could quote the input. */
      readonly error: string
    }

/**
 * Runs every entry in the given (time) order, one at a time, as the relay would have on the day
 * it was sent; the send's own time is its receipt time. A send that cannot be inspected is
 * reported and not learned, as the relay's fail mode would leave it unlearned.
 *
 * @example
 * for await (const step of replayHistory(history.entries, ctx, LEARN_DELIVERED)) print(step)
 */
export async function* replayHistory(
  entries: readonly HistoryEntry[],
  ctx: ReplayContext,
  learns: LearnRule,
): AsyncGenerator<ReplayStep> {
  for (const entry of entries) {
    let message: HistoryMessage | undefined
    let verdict: Verdict
    try {
      message = await entry.load()
      const inbound = {
        ref: newMessageRef(),
        envelope: message.envelope,
        raw: message.raw,
        receivedAt: entry.at,
      }
      verdict = await inspect(inbound, ctx)
    } catch (error) {
      yield { kind: 'failed', entry, message, error: errorName(error) }
      continue
    }

    const shouldLearn = learns(verdict.decision.action, entry)
    const learned = shouldLearn && (await learnSend(verdict.features, ctx.baselines))
    yield { kind: 'decided', entry, message, verdict, learned }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error'
}
