// Configurations that are valid but protect less than an admin may think: `config check`
// prints them and `serve` logs them at start.
import type { Config } from './schema.js'

/** A valid configuration that weakens protection: a fixed code and a sentence for people. */
export interface ConfigWarning {
  readonly code: string
  readonly text: string
}

/**
 * What in `config` lets mail through that an admin may expect to be stopped.
 *
 * @example
 * configWarnings(config).map((w) => w.code) // ['monitor-mode']
 */
export function configWarnings(config: Config): ConfigWarning[] {
  const warnings: ConfigWarning[] = []
  const { rules, risk } = config.policy
  const hasRiskLevels = Object.values(risk).some((level) => level !== undefined)

  if (rules.length === 0 && !hasRiskLevels) {
    warnings.push({
      code: 'no-policy',
      text: 'policy has no rules and no risk levels: every message is released',
    })
  } else if (rules.length === 0) {
    warnings.push({ code: 'no-rules', text: 'policy has no rules: only the risk model stops mail' })
  }
  if (config.monitor) {
    warnings.push({
      code: 'monitor-mode',
      text: 'monitor mode is on: every message is released, decisions are only recorded',
    })
  }
  const justifies = rules.some((rule) => rule.action === 'justify') || risk.justify !== undefined
  if (justifies && !config.notices.enabled) {
    warnings.push({
      code: 'justify-without-notices',
      text: 'notices.enabled is false: senders never get a reply address, justify holds expire',
    })
  }
  const { maxConnections, maxConnectionsPerSource } = config.limits
  if (maxConnectionsPerSource >= maxConnections) {
    warnings.push({
      code: 'per-source-limit-ineffective',
      text: `limits.maxConnectionsPerSource (${maxConnectionsPerSource}) is not below limits.maxConnections (${maxConnections}): one address can take every connection`,
    })
  }
  const { maxMessageBytes, maxReceivingMiB } = config.limits
  // One client address may hold a quarter of the budget (smtp/byte-budget.ts).
  if ((maxReceivingMiB * 1024 * 1024) / 4 < maxMessageBytes) {
    warnings.push({
      code: 'receiving-budget-below-message-size',
      text: `a quarter of limits.maxReceivingMiB (${maxReceivingMiB}), what one client address may hold, is below limits.maxMessageBytes (${maxMessageBytes} bytes): messages near the size limit always get 452 4.3.1`,
    })
  }
  return warnings
}
