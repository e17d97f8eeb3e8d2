// Behaviour signals as reasons: a rule that names signals holds when the profile stage raised
// one of them, and its reason is the signal's own sentence.
import type { Category } from '../detect/categories.js'
import type { BehaviorSignal, SendFeatures } from '../behavior/types.js'
import type { PolicyRule } from '../config/schema.js'
import type { Reason } from './types.js'

/**
 * The signals a rule asks for that this send raised: [] when the rule names none, undefined
 * when it names some and none was raised (the rule does not hold).
 */
export function matchSignals(
  rule: PolicyRule,
  features: SendFeatures,
): readonly BehaviorSignal[] | undefined {
  const wanted = rule.signals ?? []
  if (wanted.length === 0) return []

  const raised = (features.signals ?? []).filter((signal) => wanted.includes(signal.code))
  return raised.length === 0 ? undefined : raised
}

/**
 * "you have never written to x@y, and this send carries 2 bank account numbers (IBAN)".
 *
 * @example
 * behaviorReason(rule, [signal], '', 0, []).text // the signal's sentence
 */
export function behaviorReason(
  rule: PolicyRule,
  signals: readonly BehaviorSignal[],
  carried: string,
  count: number,
  categories: readonly Category[],
): Reason {
  const said = signals.map((signal) => signal.text).join('; ')
  const data = carried === '' ? '' : `, and this send carries ${carried}`
  const files = rule.attachments === true && carried === '' ? ', and this send carries files' : ''
  const recipients = new Set(signals.flatMap((signal) => signal.recipients))
  return {
    code: rule.name,
    text: `${said}${data}${files}`,
    action: rule.action,
    categories,
    count: Math.max(count, recipients.size),
    signals: [...new Set(signals.map((signal) => signal.code))],
  }
}
