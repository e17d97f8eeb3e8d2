// The risk model as a reason: when its score reaches a configured level, the send gets that
// level's action, and the reason says in the sender's words what raised the risk.
import type { RiskScore } from '../classify/types.js'
import type { ResolvedRiskLevels } from '../config/schema.js'
import type { Action, Reason } from './types.js'

export const RISK_REASON_CODE = 'risk-model'

// Strictest first: the highest level the score reaches decides.
const LEVELS: readonly (keyof ResolvedRiskLevels & Action)[] = ['hold', 'justify', 'notify']

/**
 * The reason the model gives, or undefined when the score reaches no configured level.
 *
 * @example
 * riskReason({ probability: 0.9, model: 'm', factors }, { justify: 0.8 })?.action // 'justify'
 */
export function riskReason(risk: RiskScore, levels: ResolvedRiskLevels): Reason | undefined {
  const action = LEVELS.find((level) => {
    const from = levels[level]
    return from !== undefined && risk.probability >= from
  })
  if (action === undefined) return undefined

  const why = risk.factors.map((factor) => factor.text)
  const text =
    why.length === 0
      ? 'this send is unlike what you usually send'
      : `this send is unlike what you usually send: ${why.join('; ')}`
  return { code: RISK_REASON_CODE, text, action, categories: [], count: 0, factors: risk.factors }
}
