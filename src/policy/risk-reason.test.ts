import { describe, expect, it } from 'vitest'
import type { SendFeatures } from '../behavior/types.js'
import type { RiskScore } from '../classify/types.js'
import type { PolicyRule } from '../config/schema.js'
import type { Finding } from '../detect/types.js'
import { decide } from './decide.js'
import { riskReason } from './risk-reason.js'

const factors = [
  {
    feature: 'signal.personal-webmail',
    contribution: 2.1,
    text: 'it goes to a personal webmail address',
  },
  { feature: 'send.attachments', contribution: 0.6, text: 'it carries 1 attachment' },
]

const score = (probability: number): RiskScore => ({ probability, model: 'm@1', factors })

const features = {
  sender: 'a@example.com',
  recipients: [],
  externalRecipients: 1,
  externalDomains: 1,
  signals: [],
} as unknown as SendFeatures

const iban: Finding = {
  category: 'IBAN',
  partId: '1',
  start: 0,
  end: 1,
  confidence: 0.9,
  masked: 'GB82 ****',
  fingerprint: 'f',
  recognizer: 'test',
}

const gated: PolicyRule = {
  name: 'bank-accounts-leaving',
  categories: ['IBAN'],
  minCount: 1,
  minConfidence: 0.5,
  includeBoilerplate: false,
  ignoreReasons: [],
  minRisk: 0.3,
  action: 'notify',
}

describe('riskReason', () => {
  it.each([
    ['below every level', 0.2, { notify: 0.5, justify: 0.8 }, undefined],
    ['at the notify level', 0.5, { notify: 0.5, justify: 0.8 }, 'notify'],
    ['between levels', 0.79, { notify: 0.5, justify: 0.8 }, 'notify'],
    ['at the highest level reached', 0.95, { notify: 0.5, justify: 0.8, hold: 0.9 }, 'hold'],
    ['with no levels configured', 0.99, {}, undefined],
  ])('%s', (_label, probability, levels, action) => {
    expect(riskReason(score(probability), levels)?.action).toBe(action)
  })

  it('says what raised the risk, strongest first, in the sender’s words', () => {
    const reason = riskReason(score(0.9), { justify: 0.8 })
    expect(reason?.text).toBe(
      'this send is unlike what you usually send: it goes to a personal webmail address; ' +
        'it carries 1 attachment',
    )
    expect(reason?.factors).toEqual(factors)
  })
})

describe('decide with a risk model', () => {
  it('gives the model’s own reason when its level is reached', () => {
    const decision = decide(
      { findings: [], features, risk: score(0.9) },
      { rules: [], monitor: false, risk: { justify: 0.8 } },
    )
    expect(decision.action).toBe('justify')
    expect(decision.reasons.map((r) => r.code)).toEqual(['risk-model'])
    expect(decision.risk).toBe(0.9)
    expect(decision.riskFactors).toEqual(factors)
  })

  it('holds a gated rule only from its minRisk on', () => {
    const policy = { rules: [gated], monitor: false }
    const low = decide({ findings: [iban], features, risk: score(0.1) }, policy)
    const high = decide({ findings: [iban], features, risk: score(0.4) }, policy)
    expect(low.action).toBe('release')
    expect(high.action).toBe('notify')
  })

  it('applies a gated rule as written in the rules-only decision (no model)', () => {
    const decision = decide(
      { findings: [iban], features, risk: null },
      { rules: [gated], monitor: false },
    )
    expect(decision.action).toBe('notify')
    expect(decision.riskFactors).toEqual([])
  })

  it('holds a hard rule (no minRisk) whatever the model says', () => {
    const hard = { ...gated, minRisk: undefined, action: 'hold' as const }
    const decision = decide(
      { findings: [iban], features, risk: score(0.01) },
      { rules: [hard], monitor: false },
    )
    expect(decision.action).toBe('hold')
  })
})

describe('decide with a risk model and rules that agree', () => {
  const lookalike: PolicyRule = {
    name: 'lookalike-recipient',
    categories: [],
    signals: ['personal-webmail'],
    minCount: 1,
    minConfidence: 0.5,
    includeBoilerplate: false,
    ignoreReasons: [],
    action: 'justify',
  }
  const signalled = {
    ...features,
    signals: [
      { code: 'personal-webmail', text: 'it goes to a personal webmail address', recipients: [] },
    ],
  } as unknown as SendFeatures

  it('adds no reason of the model’s when a rule already asks for as much', () => {
    const decision = decide(
      { findings: [], features: signalled, risk: score(0.9) },
      { rules: [lookalike], monitor: false, risk: { justify: 0.8 } },
    )
    expect(decision.reasons.map((r) => r.code)).toEqual(['lookalike-recipient'])
    expect(decision.riskFactors).toEqual(factors)
  })

  it('asks for more than the rules with the factors they did not give', () => {
    const decision = decide(
      { findings: [], features: signalled, risk: score(0.95) },
      { rules: [lookalike], monitor: false, risk: { justify: 0.8, hold: 0.9 } },
    )
    expect(decision.action).toBe('hold')
    expect(decision.reasons[1]?.factors?.map((f) => f.feature)).toEqual(['send.attachments'])
  })
})
