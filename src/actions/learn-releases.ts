// Released sends teach the sender's baseline: a justified recipient is not "new" the next time.
// The store keeps which released recipients were learned, so a release made by the CLI is
// learned by the running relay (whose baselines are cached in memory) on its next sweep.
import type { Logger } from 'pino'
import type { BaselineStore, SendObservation } from '../store/baseline-types.js'
import type { Store } from '../store/types.js'
import { learnObservation } from '../behavior/index.js'
import { describeError } from '../log/serializers.js'

/** Releases learned per pass; the rest wait for the next pass. */
const BATCH = 100

/**
 * Learns every released recipient not learned yet, from the observation kept at hold time
 * limited to the released recipients, and returns how many sends were learned.
 */
export async function learnReleases(
  store: Store,
  baselines: BaselineStore | undefined,
  log: Logger,
): Promise<number> {
  if (baselines === undefined) return 0

  let learned = 0
  for (const release of await store.unlearnedReleases(BATCH)) {
    const observation = releasedPart(release.observation, release.positions)
    try {
      if (observation !== undefined && (await learnObservation(observation, baselines))) {
        learned++
      }
    } catch (error) {
      // A baseline that missed one send is only less precise; it is not tried again.
      log.warn({
        event: 'baseline.learn-failed',
        messageRef: release.id,
        error: describeError(error),
      })
    }
    await store.markLearned(release.id, release.positions)
  }
  return learned
}

/** The stored observation (JSON) limited to the released positions, or undefined if unusable. */
export function releasedPart(
  stored: unknown,
  positions: readonly number[],
): SendObservation | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined
  const candidate = stored as Partial<Record<keyof SendObservation, unknown>>
  if (typeof candidate.sender !== 'string' || !Array.isArray(candidate.recipients)) return undefined
  if (typeof candidate.at !== 'string' && !(candidate.at instanceof Date)) return undefined

  const recipients = positions.flatMap((position) => {
    const recipient = (candidate.recipients as unknown[])[position]
    return recipient === undefined ? [] : [recipient as SendObservation['recipients'][number]]
  })
  if (recipients.length === 0) return undefined
  return {
    ...(stored as SendObservation),
    at: new Date(candidate.at),
    recipients,
  }
}
