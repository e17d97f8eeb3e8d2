// Contract of the classify stage: a risk probability and the signals that drove it.

/** One feature's share of a risk score, for explanations. */
export interface RiskFactor {
  /** Feature name (docs/model.md), e.g. `signal.lookalike-recipient`. */
  readonly feature: string
  /** Its term of the model's log-odds: positive raises the risk, negative lowers it. */
  readonly contribution: number
  /** What it says, for the sender: "you have never written to …". Masked evidence only. */
  readonly text: string
}

export interface RiskScore {
  /** Probability that this send should not leave as it is, 0..1. */
  readonly probability: number
  /** Model id and version hash that produced it. */
  readonly model: string
  /** The factors that raised the risk most, strongest first (at most MAX_FACTORS). */
  readonly factors: readonly RiskFactor[]
}
