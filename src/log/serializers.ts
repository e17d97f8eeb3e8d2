// Allowlisted views of internal objects for logging: ids, categories, counts, timings and
// actions only. Nothing here may copy text, subjects, file names or detected values.
import type { Decision } from '../policy/types.js'

/** The fields of a decision that the per-message summary line carries. */
export function summarizeDecision(decision: Decision): Record<string, unknown> {
  return {
    action: decision.action,
    monitored: decision.monitored,
    reasons: decision.reasons.map((reason) => reason.code),
    categories: decision.counts,
    risk: decision.risk,
  }
}

/** An error reduced to its class and code; messages of library errors may quote input. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error }

  const code = (error as { code?: unknown }).code
  const responseCode = (error as { responseCode?: unknown }).responseCode
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
  }
}
