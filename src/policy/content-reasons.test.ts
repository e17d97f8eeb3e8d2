import { describe, expect, it } from 'vitest'
import type { Finding } from '../detect/types.js'
import type { SendFeatures } from '../behavior/types.js'
import type { PolicyRule } from '../config/schema.js'
import type { PartReport, SensitivityLabel } from '../extract/types.js'
import { decide } from './decide.js'

const GENERAL = '4342314e-0df4-4b58-84bf-38bed6170a0f'

function card(partId: string, fingerprint: string): Finding {
  return {
    category: 'CREDIT_CARD',
    partId,
    start: 0,
    end: 16,
    confidence: 0.9,
    masked: '4111 **** **** 1111',
    fingerprint,
    recognizer: 'test',
  }
}

function label(partId: string, extra: Partial<SensitivityLabel> = {}): SensitivityLabel {
  return { partId, id: GENERAL, name: 'General', enabled: true, source: 'msip_labels', ...extra }
}

function part(partId: string, typeMismatch?: string): PartReport {
  return {
    partId,
    declaredType: 'image/png',
    detectedType: 'application/zip',
    filename: undefined,
    size: 10,
    method: 'zip',
    status: 'inspected',
    textBytes: 0,
    typeMismatch,
  }
}

const features = { externalRecipients: 0, externalDomains: 0 } as unknown as SendFeatures

const rule = (overrides: Partial<PolicyRule>): PolicyRule => ({
  name: 'r',
  categories: [],
  minCount: 1,
  minConfidence: 0.5,
  includeBoilerplate: false,
  ignoreReasons: [],
  action: 'justify',
  ...overrides,
})

const policyOf = (...rules: PolicyRule[]) => ({ rules, monitor: false })

describe('rules on sensitivity labels', () => {
  const contradiction = rule({
    name: 'card-under-general',
    labels: ['general'],
    categories: ['CREDIT_CARD'],
  })

  it('holds a file labelled General that carries a card number', () => {
    const input = {
      findings: [card('2/word/document.xml', 'a')],
      features,
      risk: null,
      labels: [label('2', { source: 'docProps/custom.xml' })],
    }

    const decision = decide(input, policyOf(contradiction))

    expect(decision.action).toBe('justify')
    expect(decision.reasons[0]?.text).toBe('a file labelled General carries 1 payment card number')
  })

  it('does not count a card outside the labelled file', () => {
    const input = {
      findings: [card('1', 'a'), card('3/sheet.xml', 'b')],
      features,
      risk: null,
      labels: [label('2', { source: 'docProps/custom.xml' })],
    }

    expect(decide(input, policyOf(contradiction)).action).toBe('release')
  })

  it('counts every part when the message itself carries the label (header)', () => {
    const input = {
      findings: [card('3/sheet.xml', 'b')],
      features,
      risk: null,
      labels: [label('0')],
    }

    const decision = decide(input, policyOf(contradiction))

    expect(decision.reasons[0]?.text).toBe(
      'the message labelled General carries 1 payment card number',
    )
  })

  it('matches a label by GUID, and ignores labels that are not enabled', () => {
    const byId = rule({ labels: [GENERAL.toUpperCase()] })
    const enabled = {
      findings: [],
      features,
      risk: null,
      labels: [label('0', { name: undefined })],
    }
    const disabled = { ...enabled, labels: [label('0', { enabled: false })] }

    expect(decide(enabled, policyOf(byId)).reasons[0]?.text).toBe(
      `the message carries the label ${GENERAL}`,
    )
    expect(decide(disabled, policyOf(byId)).action).toBe('release')
  })

  it('does not hold when no label is present', () => {
    expect(
      decide({ findings: [card('1', 'a')], features, risk: null }, policyOf(contradiction)),
    ).toMatchObject({ action: 'release', reasons: [] })
  })
})

describe('rules on type mismatches', () => {
  const disguised = rule({ name: 'disguised-file', typeMismatch: true, action: 'notify' })

  it('holds when a part lies about its type, naming the lie', () => {
    const parts = [
      part('1'),
      part('2', 'declared image/png, extension .png, detected application/zip'),
    ]

    const decision = decide({ findings: [], features, risk: null, parts }, policyOf(disguised))

    expect(decision.action).toBe('notify')
    expect(decision.reasons[0]?.text).toBe(
      "a file's name or declared type does not match its content " +
        '(declared image/png, extension .png, detected application/zip)',
    )
  })

  it('does not hold when every part is what it says', () => {
    const parts = [part('1'), part('2')]

    expect(decide({ findings: [], features, risk: null, parts }, policyOf(disguised)).action).toBe(
      'release',
    )
  })
})
