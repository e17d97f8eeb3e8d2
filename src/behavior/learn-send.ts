// Learning: a released send becomes part of the sender's habit. Held sends never do, so a
// mistake that was stopped does not become normal.
import type { BaselineStore, SendObservation } from '../store/baseline-types.js'
import type { SendFeatures } from './types.js'

/**
 * Records a released send in the baselines and says whether it did. Sends without a sender
 * (bounces) or without recipients teach nothing.
 */
export async function learnSend(
  features: SendFeatures,
  baselines: BaselineStore,
): Promise<boolean> {
  return learnObservation(features.observation, baselines)
}

/**
 * Learns a send from its observation (`SendFeatures.observation`), as kept with a held message
 * and read back when it is released: what the release path calls, with the observation limited
 * to the released recipients. Counts an observation stored by an older version lacks
 * (`visibleExternal` came with baseline schema 2) are taken as 0 by the store.
 *
 * @example
 * await learnObservation({ ...stored, at: new Date(stored.at) }, baselines)
 */
export async function learnObservation(
  observation: SendObservation,
  baselines: BaselineStore,
): Promise<boolean> {
  if (observation.sender === '' || observation.recipients.length === 0) return false
  await baselines.learn(observation)
  return true
}
