import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestHabits, finding } from '../behavior/habit-for-test.js'
import { MAX_FACTORS, explainFactors } from './explain.js'
import { FEATURE_NAMES } from './feature-vector.js'

const USUAL = 'Marta Lopez <marta.lopez@partner.example>'

/** Contributions of 1 for the named features (and `rest` for every other one). */
function contributions(named: Record<string, number>, rest = 0): Float32Array {
  return Float32Array.from(FEATURE_NAMES, (name) => named[name] ?? rest)
}

describe('explainFactors', () => {
  const habits = new TestHabits()

  beforeAll(() => habits.learn({ to: [USUAL] }, 30))
  afterAll(() => habits.close())

  it('tells the strongest factors first, in the sender’s words with the send’s own counts', async () => {
    const features = await habits.describe({ to: ['Martin Lopez <martin.lopez@partner.example>'] })
    const input = { features, findings: [finding('IBAN', 1), finding('IBAN', 2)] }

    const factors = explainFactors(
      contributions({
        'content.bank-account.values': 0.5,
        'content.bank-account.confidence': 0.4,
        'signal.lookalike-recipient': 2,
      }),
      input,
    )

    expect(factors.map((f) => f.feature)).toEqual([
      'signal.lookalike-recipient',
      'content.bank-account.values',
    ])
    expect(factors[0]?.text).toBe(
      features.signals.find((s) => s.code === 'lookalike-recipient')?.text,
    )
    // The family's count and confidence are one factor: their contributions add up.
    expect(factors[1]).toMatchObject({
      contribution: 0.9,
      text: 'it carries 2 bank account details',
    })
  })

  it('explains a send with more findings than a call takes arguments (a log, an export)', async () => {
    const features = await habits.describe({ to: ['kim@elsewhere.example'] })
    const findings = Array.from({ length: 200_000 }, (_, n) => finding('EMAIL_ADDRESS', n))

    const factors = explainFactors(
      contributions({ 'content.contact.values': 1, 'send.new-recipient-share': 1 }),
      { features, findings },
    )

    expect(factors.map((f) => f.text)).toEqual([
      'it carries 200000 items of personal contact data',
      'you have not written to kim@elsewhere.example before',
    ])
  })

  it('never names a factor the send does not have', async () => {
    const features = await habits.describe({ to: [USUAL] })
    const factors = explainFactors(contributions({}, 1), { features, findings: [] })

    expect(factors.length).toBeLessThanOrEqual(MAX_FACTORS)
    for (const factor of factors) {
      expect(factor.text).not.toMatch(/card|bank|secret|webmail|table/)
    }
  })

  it('leaves out what lowered the risk or barely raised it', async () => {
    const features = await habits.describe({ to: [USUAL] })
    const factors = explainFactors(
      contributions({ 'send.attachments': -3, 'send.external-recipients': 0.05 }),
      { features, findings: [] },
    )
    expect(factors).toEqual([])
  })
})
