// Contract of the classify stage.

export interface RiskScore {
  /** Probability that this send should not leave as it is, 0..1. */
  readonly probability: number
  /** Model id and version hash that produced it. */
  readonly model: string
}
