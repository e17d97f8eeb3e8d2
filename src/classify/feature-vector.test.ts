import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestHabits, finding } from '../behavior/habit-for-test.js'
import { FEATURES, FEATURE_NAMES, FEATURE_SCHEMA_HASH, featureVector } from './feature-vector.js'

const USUAL = 'Marta Lopez <marta.lopez@partner.example>'

function valueOf(vector: Float32Array, name: string): number {
  const index = FEATURE_NAMES.indexOf(name)
  if (index === -1) throw new Error(`no feature ${name}`)
  return vector[index] ?? Number.NaN
}

describe('featureVector', () => {
  const habits = new TestHabits()

  beforeAll(() => habits.learn({ to: [USUAL] }, 30))
  afterAll(() => habits.close())

  it('is documented entry by entry in docs/model.md', () => {
    const doc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8')
    const missing = FEATURE_NAMES.filter((name) => !doc.includes(`| \`${name}\` |`))
    expect(missing).toEqual([])
  })

  it('has one uniquely named entry per feature, and a schema hash of the list', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURES.length)
    expect(FEATURE_SCHEMA_HASH).toMatch(/^[0-9a-f]{16}$/)
  })

  it('is all zeros for content and signals on an ordinary send to a usual recipient', async () => {
    const features = await habits.describe({ to: [USUAL] })
    const vector = featureVector({ features, findings: [] })

    expect(vector).toHaveLength(FEATURES.length)
    const raised = FEATURE_NAMES.filter(
      (name, i) => /^(content|signal|mix)\./.test(name) && vector[i] !== 0,
    )
    expect(raised).toEqual([])
  })

  it('counts distinct values per family and keeps the highest confidence', async () => {
    const features = await habits.describe({ to: [USUAL] })
    const cards = [finding('CREDIT_CARD', 1), finding('CREDIT_CARD', 1), finding('CREDIT_CARD', 2)]
    const vector = featureVector({ features, findings: cards })

    expect(valueOf(vector, 'content.payment-card.values')).toBeCloseTo(
      Math.log1p(2) / Math.log1p(50),
    )
    expect(valueOf(vector, 'content.payment-card.confidence')).toBeCloseTo(0.9)
    expect(valueOf(vector, 'content.bank-account.values')).toBe(0)
  })

  it('has no content to weigh when every recipient is internal', async () => {
    const features = await habits.describe({ to: ['Bob Ruiz <bob.ruiz@corp.example>'] })
    const vector = featureVector({ features, findings: [finding('CREDIT_CARD', 1)] })

    expect(features.externalRecipients).toBe(0)
    expect(valueOf(vector, 'content.payment-card.values')).toBe(0)
    expect(valueOf(vector, 'content.payment-card.confidence')).toBe(0)
  })

  it('counts values in quoted replies and signatures apart, not as content', async () => {
    const features = await habits.describe({ to: [USUAL] })
    const quoted = { ...finding('PHONE_NUMBER', 1), boilerplate: 'signature' as const }
    const vector = featureVector({ features, findings: [quoted] })

    expect(valueOf(vector, 'content.contact.values')).toBe(0)
    expect(valueOf(vector, 'content.boilerplate-values')).toBeGreaterThan(0)
  })

  it('counts unreadable parts, not outcome findings', async () => {
    const features = await habits.describe({ to: [USUAL] })
    const unreadable = [
      { ...finding('UNSCANNABLE', 1), partId: '2' },
      { ...finding('UNSCANNABLE', 2), partId: '2' },
      { ...finding('ENCRYPTED_CONTENT', 3), partId: '3' },
    ]
    const vector = featureVector({ features, findings: unreadable })

    expect(valueOf(vector, 'content.unscannable-parts')).toBeCloseTo(1 / 5)
    expect(valueOf(vector, 'content.encrypted-parts')).toBeCloseTo(1 / 5)
  })

  it.each([
    ['to an address never written to', 'Martin Lopez <martin.lopez@partner.example>', 1],
    ['to the usual recipient', USUAL, 0],
  ])('marks sensitive data %s', async (_label, to, expected) => {
    const features = await habits.describe({ to: [to] })
    const vector = featureVector({ features, findings: [finding('IBAN', 1)] })

    expect(valueOf(vector, 'mix.sensitive-to-new-recipient')).toBe(expected)
  })

  it('raises the signal features the profile stage raised', async () => {
    const features = await habits.describe({ to: ['Martin Lopez <martin.lopez@partner.example>'] })
    const vector = featureVector({ features, findings: [] })

    for (const signal of features.signals) expect(valueOf(vector, `signal.${signal.code}`)).toBe(1)
    expect(features.signals.length).toBeGreaterThan(0)
  })
})
