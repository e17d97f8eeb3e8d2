import { describe, expect, it } from 'vitest'
import { narrateHold, type NarrativeInput } from './narrative.js'

const base: NarrativeInput = {
  sender: 'alice@example.com',
  recipients: [{ address: 'desk@partner.example.net', isExternal: true, sentBefore: 0 }],
  attachments: { count: 0, bytes: 0 },
  size: 2048,
  report: {
    action: 'hold',
    reasons: [
      {
        code: 'payment-cards-leaving',
        text: '1 payment card number to a recipient outside the organisation',
        action: 'hold',
        categories: ['CREDIT_CARD'],
        count: 1,
      },
    ],
    findings: [
      {
        category: 'CREDIT_CARD',
        partId: '1',
        where: 'message text',
        confidence: 0.95,
        masked: '4111 **** **** 1111',
        recognizer: 'credit-card',
      },
    ],
  },
}

describe('narrateHold', () => {
  it('tells who wrote to whom, why it is held, and masked evidence only', () => {
    const text = narrateHold(base)
    expect(text).toContain(
      'alice@example.com wrote to desk@partner.example.net (outside the organisation, first message to this address); 2 KB, no attachments.',
    )
    expect(text).toContain('Held because of: 1 payment card number')
    expect(text).toContain('Evidence, masked: 4111 **** **** 1111 (CREDIT_CARD, message text).')
    expect(text).not.toMatch(/4111 1111/)
  })

  it('tells the model’s risk and what raised it, with each factor’s share', () => {
    const text = narrateHold({
      ...base,
      report: {
        ...base.report,
        risk: 0.87,
        model: 'mailward-risk-logistic@0123456789abcdef',
        riskFactors: [
          {
            feature: 'mix.sensitive-to-new-recipient',
            contribution: 3.2,
            text: 'it carries sensitive data to an address you have not written to before',
          },
        ],
      },
    })
    expect(text).toContain(
      'Risk 0.87 from mailward-risk-logistic@0123456789abcdef, raised by: it carries sensitive data to an address you have not written to before (+3.20).',
    )
  })

  it('says nothing of risk without a model', () => {
    expect(narrateHold({ ...base, report: { ...base.report, risk: null } })).not.toContain('Risk')
  })
})
