// Contract of the decide stage.
import type { Category } from '../detect/categories.js'
import type { Finding } from '../detect/types.js'
import type { SendFeatures } from '../behavior/types.js'
import type { RiskFactor, RiskScore } from '../classify/types.js'
import type { PartReport, SensitivityLabel } from '../extract/types.js'

export type Action = 'release' | 'notify' | 'justify' | 'hold'

/** One reason behind a decision, in words a sender understands, with the evidence counted. */
export interface Reason {
  /** Stable id for logs and reports: the rule name, or a built-in code such as `monitor-mode`. */
  readonly code: string
  readonly text: string
  /** The action this reason alone asks for. */
  readonly action: Action
  readonly categories: readonly Category[]
  /** Distinct values counted for the reason. */
  readonly count: number
  /** Behaviour signals behind the reason (docs/behavior.md), when the rule names any. */
  readonly signals?: readonly string[]
  /** For the risk model's reason: the factors behind the score, strongest first. */
  readonly factors?: readonly RiskFactor[]
}

export interface Decision {
  readonly action: Action
  /** True when monitor mode released a message that policy would have stopped. */
  readonly monitored: boolean
  /** What policy would have done without monitor mode. */
  readonly intended: Action
  readonly reasons: readonly Reason[]
  /** Distinct values per category over the whole message (policy-relevant findings only). */
  readonly counts: Readonly<Partial<Record<Category, number>>>
  readonly risk: number | null
  /** What raised the risk most (also when it stayed below every level); [] without a model. */
  readonly riskFactors: readonly RiskFactor[]
}

export interface PolicyInput {
  readonly findings: readonly Finding[]
  readonly features: SendFeatures
  readonly risk: RiskScore | null
  /** The extract stage's part reports (type mismatches); absent: no part lies. */
  readonly parts?: readonly PartReport[]
  /** Sensitivity labels of the message (msip_labels) and of its files; absent: none. */
  readonly labels?: readonly SensitivityLabel[]
}
