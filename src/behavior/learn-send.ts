// Learning: a released send becomes part of the sender's habit. Held sends never do, so a
// mistake that was stopped does not become normal.
import type { BaselineStore } from '../store/baseline-types.js'
import type { SendFeatures } from './types.js'

/**
 * Records a released (or justified and then released) send in the baselines and says whether
 * it did. Sends without a sender (bounces) or without recipients teach nothing.
 */
export async function learnSend(
  features: SendFeatures,
  baselines: BaselineStore,
): Promise<boolean> {
  const { observation } = features
  if (observation.sender === '' || observation.recipients.length === 0) return false
  await baselines.learn(observation)
  return true
}
