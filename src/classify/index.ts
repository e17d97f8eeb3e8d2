// The classify stage: a send's features to a risk probability with the factors behind it.
import { explainFactors } from './explain.js'
import { featureVector, type RiskInput } from './feature-vector.js'
import type { RiskModel } from './risk-model.js'
import type { RiskScore } from './types.js'

export { FEATURES, FEATURE_NAMES, FEATURE_SCHEMA_HASH, featureVector } from './feature-vector.js'
export type { FeatureSpec, RiskInput } from './feature-vector.js'
export { DEFAULT_MODEL_DIR, loadRiskModel, ModelError } from './risk-model.js'
export type { ModelCard, RiskModel } from './risk-model.js'
export type { RiskFactor, RiskScore } from './types.js'

/**
 * Scores a send with the model: the probability, and the factors that raised it most, each in
 * words a sender understands. Without a model (the rules-only comparison of the training
 * script) there is no score.
 *
 * @example
 * const risk = await classifyRisk(model, { features, findings })
 * risk?.factors[0]?.text // 'you have never written to m.smith@partner.example'
 */
export async function classifyRisk(
  model: RiskModel | undefined,
  input: RiskInput,
): Promise<RiskScore | null> {
  if (model === undefined) return null

  const vector = featureVector(input)
  const { probability, contributions } = await model.estimate(vector)
  return { probability, model: model.name, factors: explainFactors(contributions, input) }
}
