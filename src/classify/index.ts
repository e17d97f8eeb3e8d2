// The classify stage: features to a risk probability.
import type { SendFeatures } from '../behavior/types.js'
import type { Finding } from '../detect/types.js'
import type { RiskScore } from './types.js'

export type { RiskScore } from './types.js'

/**
 * Scores a send.
 *
 * TODO: No trained model ships yet, so there is no risk score and policy decides on its rules
 * alone; `risk` is null in every decision and report until the ONNX model lands.
 */
export function classifyRisk(
  _features: SendFeatures,
  _findings: readonly Finding[],
): RiskScore | null {
  return null
}
