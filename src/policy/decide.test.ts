import { describe, expect, it } from 'vitest'
import type { Finding } from '../detect/types.js'
import type { SendFeatures } from '../behavior/types.js'
import type { PolicyRule } from '../config/schema.js'
import { decide } from './decide.js'

function finding(
  category: Finding['category'],
  fingerprint: string,
  extra: Partial<Finding> = {},
): Finding {
  return {
    category,
    partId: '1',
    start: 0,
    end: 1,
    confidence: 0.9,
    masked: '****',
    fingerprint,
    recognizer: 'test',
    ...extra,
  }
}

function features(externalRecipients: number): SendFeatures {
  // Only the fields policy reads today; the behaviour stage fills in the rest.
  return {
    sender: 'a@example.com',
    recipients: [],
    externalRecipients,
    externalDomains: externalRecipients,
  } as unknown as SendFeatures
}

const rule = (overrides: Partial<PolicyRule>): PolicyRule => ({
  name: 'r',
  categories: ['CREDIT_CARD'],
  minCount: 1,
  minConfidence: 0.5,
  includeBoilerplate: false,
  ignoreReasons: [],
  action: 'hold',
  ...overrides,
})

describe('decide', () => {
  it('releases with no reasons when no rule matches', () => {
    const decision = decide(
      { findings: [], features: features(1), risk: null },
      { rules: [rule({})], monitor: false },
    )
    expect(decision).toMatchObject({ action: 'release', reasons: [], monitored: false })
  })

  it('takes the strictest action and gives every matching rule as a reason', () => {
    const rules = [
      rule({ name: 'cards', action: 'hold' }),
      rule({ name: 'ibans', categories: ['IBAN'], action: 'notify' }),
    ]
    const findings = [finding('CREDIT_CARD', 'a'), finding('IBAN', 'b')]
    const decision = decide(
      { findings, features: features(1), risk: null },
      { rules, monitor: false },
    )
    expect(decision.action).toBe('hold')
    expect(decision.reasons.map((reason) => reason.code)).toEqual(['cards', 'ibans'])
    expect(decision.reasons[0]?.text).toBe(
      '1 payment card number to a recipient outside the organisation',
    )
  })

  it('counts distinct values, not occurrences', () => {
    const findings = [
      finding('CREDIT_CARD', 'same'),
      finding('CREDIT_CARD', 'same'),
      finding('CREDIT_CARD', 'other'),
    ]
    const decision = decide(
      { findings, features: features(1), risk: null },
      { rules: [rule({ minCount: 3 })], monitor: false },
    )
    expect(decision.action).toBe('release')
    expect(decision.counts).toEqual({ CREDIT_CARD: 2 })
  })

  it.each([
    ['internal recipients only', 0, true, 'release'],
    ['an external recipient', 1, true, 'hold'],
    ['a rule for internal mail, sent outside', 1, false, 'release'],
  ] as const)('honours externalRecipients: %s', (_label, external, wantExternal, action) => {
    const decision = decide(
      { findings: [finding('CREDIT_CARD', 'a')], features: features(external), risk: null },
      { rules: [rule({ externalRecipients: wantExternal })], monitor: false },
    )
    expect(decision.action).toBe(action)
  })

  it('ignores low-confidence findings and boilerplate unless asked', () => {
    const findings = [
      finding('CREDIT_CARD', 'a', { confidence: 0.3 }),
      finding('CREDIT_CARD', 'b', { boilerplate: 'signature' }),
    ]
    expect(
      decide({ findings, features: features(1), risk: null }, { rules: [rule({})], monitor: false })
        .action,
    ).toBe('release')
    expect(
      decide(
        { findings, features: features(1), risk: null },
        { rules: [rule({ includeBoilerplate: true })], monitor: false },
      ).action,
    ).toBe('hold')
  })

  it('matches outcome findings by reason prefix', () => {
    const unreadable = [finding('UNSCANNABLE', 'img', { reason: 'unsupported format: image/png' })]
    const rules = [
      rule({ categories: ['UNSCANNABLE'], ignoreReasons: ['unsupported format: image/'] }),
    ]
    expect(
      decide({ findings: unreadable, features: features(1), risk: null }, { rules, monitor: false })
        .action,
    ).toBe('release')
    const only = [
      rule({ categories: ['UNSCANNABLE'], onlyReasons: ['pdf: no text layer'], action: 'notify' }),
    ]
    const scan = [finding('UNSCANNABLE', 'pdf', { reason: 'pdf: no text layer' })]
    expect(
      decide({ findings: scan, features: features(1), risk: null }, { rules: only, monitor: false })
        .action,
    ).toBe('notify')
  })

  it('releases in monitor mode and keeps the intended action', () => {
    const decision = decide(
      { findings: [finding('CREDIT_CARD', 'a')], features: features(1), risk: null },
      { rules: [rule({})], monitor: true },
    )
    expect(decision).toMatchObject({ action: 'release', intended: 'hold', monitored: true })
  })
})
