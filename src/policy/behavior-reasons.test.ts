import { describe, expect, it } from 'vitest'
import type { Finding } from '../detect/types.js'
import type { BehaviorSignal, SendFeatures } from '../behavior/types.js'
import type { PolicyRule } from '../config/schema.js'
import { decide } from './decide.js'

const NEW_RECIPIENT: BehaviorSignal = {
  code: 'first-contact-recipient',
  text: 'you have never written to kim@partner.example',
  recipients: ['kim@partner.example'],
}

function features(signals: BehaviorSignal[], attachments = 0): SendFeatures {
  return {
    sender: 'a@corp.example',
    recipients: [],
    externalRecipients: 1,
    externalDomains: 1,
    attachments: { count: attachments, bytes: attachments * 1000 },
    signals,
  } as unknown as SendFeatures
}

const iban: Finding = {
  category: 'IBAN',
  partId: '1',
  start: 0,
  end: 1,
  confidence: 0.9,
  masked: 'GB82 **** 32',
  fingerprint: 'f1',
  recognizer: 'iban',
}

const rule = (overrides: Partial<PolicyRule>): PolicyRule => ({
  name: 'sensitive-to-new-recipient',
  categories: [],
  signals: ['first-contact-recipient'],
  minCount: 1,
  minConfidence: 0.5,
  includeBoilerplate: false,
  ignoreReasons: [],
  action: 'justify',
  ...overrides,
})

describe('behaviour rules', () => {
  it('gives the signal sentence and the data carried as the reason', () => {
    const decision = decide(
      { findings: [iban], features: features([NEW_RECIPIENT]), risk: null },
      { rules: [rule({ categories: ['IBAN'] })], monitor: false },
    )
    expect(decision.action).toBe('justify')
    expect(decision.reasons[0]).toMatchObject({
      code: 'sensitive-to-new-recipient',
      text:
        'you have never written to kim@partner.example, and this send carries 1 bank ' +
        'account number (IBAN)',
      signals: ['first-contact-recipient'],
      categories: ['IBAN'],
    })
  })

  it('does not hold when the signal is raised but the data is missing', () => {
    const decision = decide(
      { findings: [], features: features([NEW_RECIPIENT]), risk: null },
      { rules: [rule({ categories: ['IBAN'] })], monitor: false },
    )
    expect(decision.action).toBe('release')
  })

  it('does not hold on data alone when the rule asks for a signal', () => {
    const decision = decide(
      { findings: [iban], features: features([]), risk: null },
      { rules: [rule({ categories: ['IBAN'] })], monitor: false },
    )
    expect(decision.action).toBe('release')
  })

  it.each([
    ['without attachments', 0, 'release'],
    ['with an attachment', 1, 'justify'],
  ] as const)('honours attachments: true %s', (_label, attachments, action) => {
    const decision = decide(
      { findings: [], features: features([NEW_RECIPIENT], attachments), risk: null },
      { rules: [rule({ attachments: true })], monitor: false },
    )
    expect(decision.action).toBe(action)
  })
})
