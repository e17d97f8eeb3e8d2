// The classify stage: a send's features to a risk probability with the factors behind it.
import { explainFactors } from './explain.js'
import { featureVector, type RiskInput } from './feature-vector.js'
import type { RiskModel } from './risk-model.js'
import type { ResolvedRiskLevels, RiskLevels } from '../config/schema.js'
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

/**
 * Risk levels with `model` replaced by the threshold the model was trained to (its card's
 * `metrics.threshold`). Without a model there is no risk and no level.
 *
 * @example
 * resolveRiskLevels({ justify: 'model' }, model) // { justify: 0.49 }
 */
export function resolveRiskLevels(
  levels: RiskLevels,
  model: RiskModel | undefined,
): ResolvedRiskLevels {
  if (model === undefined) return {}
  const threshold = Number(model.card.metrics.threshold)
  const resolve = (level: number | 'model' | undefined) =>
    level === 'model' ? (Number.isFinite(threshold) ? threshold : undefined) : level
  return {
    notify: resolve(levels.notify),
    justify: resolve(levels.justify),
    hold: resolve(levels.hold),
  }
}
