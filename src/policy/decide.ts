// The decide stage: findings, behaviour and risk in; one action with its reasons out.
import type { Category } from '../detect/categories.js'
import type { Finding } from '../detect/types.js'
import type { PolicyRule, ResolvedRiskLevels } from '../config/schema.js'
import { describeCount } from './category-names.js'
import { behaviorReason, matchSignals } from './behavior-reasons.js'
import { contentReason, matchContent } from './content-reasons.js'
import { riskReason } from './risk-reason.js'
import type { Action, Decision, PolicyInput, Reason } from './types.js'

export interface Policy {
  readonly rules: readonly PolicyRule[]
  readonly monitor: boolean
  /** Risk levels at which the model alone asks for an action (none: the model only gates). */
  readonly risk?: ResolvedRiskLevels | undefined
}

const SEVERITY: Readonly<Record<Action, number>> = { release: 0, notify: 1, justify: 2, hold: 3 }

/**
 * Applies every rule; the strictest action among the rules that hold wins, and each of them
 * becomes a reason. In monitor mode the action is release and `intended` keeps the verdict.
 *
 * @example
 * const decision = decide({ findings, features, risk: null }, { rules, monitor: false })
 * decision.action // 'hold'
 */
export function decide(input: PolicyInput, policy: Policy): Decision {
  const reasons = policy.rules.flatMap((rule) => {
    const reason = applyRule(rule, input)
    return reason === undefined ? [] : [reason]
  })
  const fromRisk = input.risk === null ? undefined : riskReason(input.risk, policy.risk ?? {})
  const added = fromRisk === undefined ? undefined : withoutRepeats(fromRisk, reasons)
  if (added !== undefined) reasons.push(added)

  const intended = reasons.reduce<Action>(
    (strictest, reason) =>
      SEVERITY[reason.action] > SEVERITY[strictest] ? reason.action : strictest,
    'release',
  )
  const monitored = policy.monitor && intended !== 'release'

  return {
    action: policy.monitor ? 'release' : intended,
    intended,
    monitored,
    reasons,
    counts: countDistinct(input.findings.filter((finding) => finding.boilerplate === undefined)),
    risk: input.risk?.probability ?? null,
    riskFactors: input.risk?.factors ?? [],
  }
}

/**
 * The model's reason, when it asks for more than the rules do; otherwise the model only agrees
 * with them and the sender reads the rules' reasons alone (its factors stay in the decision).
 * Factors a rule already gave as its reason (a signal) are not told twice.
 */
function withoutRepeats(risk: Reason, reasons: readonly Reason[]): Reason | undefined {
  const strictest = Math.max(0, ...reasons.map((reason) => SEVERITY[reason.action]))
  if (SEVERITY[risk.action] <= strictest) return undefined

  const said = new Set(reasons.flatMap((reason) => reason.signals ?? []))
  const factors = (risk.factors ?? []).filter(
    (factor) => !said.has(factor.feature.replace(/^signal\./, '')),
  )
  if (factors.length === (risk.factors ?? []).length) return risk
  const why = factors.map((factor) => factor.text)
  const text =
    why.length === 0 ? risk.text : `this send is unlike what you usually send: ${why.join('; ')}`
  return { ...risk, text, factors }
}

function applyRule(rule: PolicyRule, input: PolicyInput): Reason | undefined {
  // A gated rule waits for the model; without one (the rules-only decision) it holds as written.
  const isBelowRisk = rule.minRisk !== undefined && input.risk !== null
  if (isBelowRisk && (input.risk?.probability ?? 0) < (rule.minRisk ?? 0)) return undefined

  const hasExternal = input.features.externalRecipients > 0
  if (rule.externalRecipients === true && !hasExternal) return undefined
  if (rule.externalRecipients === false && hasExternal) return undefined
  if (rule.attachments === true && (input.features.attachments?.count ?? 0) === 0) return undefined

  const signals = matchSignals(rule, input.features)
  if (signals === undefined) return undefined
  const content = matchContent(rule, input.parts ?? [], input.labels ?? [])
  if (content === undefined) return undefined

  const wanted = new Set<Category>(rule.categories)
  const relevant = input.findings.filter(
    (finding) =>
      wanted.has(finding.category) &&
      content.covers(finding.partId) &&
      finding.confidence >= rule.minConfidence &&
      (rule.includeBoilerplate || finding.boilerplate === undefined) &&
      !rule.ignoreReasons.some((prefix) => finding.reason?.startsWith(prefix) === true) &&
      (rule.onlyReasons === undefined ||
        rule.onlyReasons.some((prefix) => finding.reason?.startsWith(prefix) === true)),
  )
  const counts = countDistinct(relevant)
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  if (rule.categories.length > 0 && total < rule.minCount) return undefined

  const categories = Object.keys(counts) as Category[]
  const what = categories.map((category) => describeCount(category, counts[category] ?? 0))
  if (signals.length > 0) return behaviorReason(rule, signals, joinWords(what), total, categories)
  if (content.labels.length > 0 || content.mismatches.length > 0) {
    return contentReason(rule, content, joinWords(what), total, categories)
  }

  const where = hasExternal ? ' to a recipient outside the organisation' : ''
  return {
    code: rule.name,
    text: `${joinWords(what)}${where}`,
    action: rule.action,
    categories,
    count: total,
  }
}

/** Distinct values per category, by fingerprint. */
export function countDistinct(
  findings: readonly Finding[],
): Readonly<Partial<Record<Category, number>>> {
  const seen = new Map<Category, Set<string>>()
  for (const finding of findings) {
    let values = seen.get(finding.category)
    if (values === undefined) {
      values = new Set()
      seen.set(finding.category, values)
    }
    values.add(finding.fingerprint)
  }
  return Object.fromEntries([...seen].map(([category, values]) => [category, values.size]))
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
