import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FEATURE_NAMES } from './feature-vector.js'
import { resolveRiskLevels } from './index.js'
import {
  CARD_FILE,
  DEFAULT_MODEL_DIR,
  MODEL_FILE,
  loadRiskModel,
  ModelError,
} from './risk-model.js'

const dirs: string[] = []

/** A copy of the shipped model in a temporary folder, with `change` applied to it. */
function copyOfModel(change: (dir: string) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailward-model-'))
  dirs.push(dir)
  copyFileSync(join(DEFAULT_MODEL_DIR, MODEL_FILE), join(dir, MODEL_FILE))
  copyFileSync(join(DEFAULT_MODEL_DIR, CARD_FILE), join(dir, CARD_FILE))
  change(dir)
  return dir
}

function editCard(dir: string, edit: (card: Record<string, unknown>) => void): void {
  const path = join(dir, CARD_FILE)
  const card = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  edit(card)
  writeFileSync(path, JSON.stringify(card))
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('loadRiskModel', () => {
  it('loads the shipped model, whose card names this build’s features', async () => {
    const model = await loadRiskModel()
    try {
      expect(model.card.features).toEqual(FEATURE_NAMES)
      expect(model.name).toMatch(/^mailward-risk-logistic@[0-9a-f]{16}$/)
    } finally {
      await model.close()
    }
  })

  it('gives contributions that add up, with the bias, to the log-odds of the probability', async () => {
    const model = await loadRiskModel()
    try {
      const vector = Float32Array.from(FEATURE_NAMES, (_, i) => (i % 3 === 0 ? 1 : 0.25))
      const { probability, contributions } = await model.estimate(vector)

      const logit = contributions.reduce((sum, c) => sum + c, model.card.bias)
      expect(probability).toBeCloseTo(1 / (1 + Math.exp(-logit)), 4)
      expect(contributions).toHaveLength(FEATURE_NAMES.length)
    } finally {
      await model.close()
    }
  })

  it('gives absent features no contribution', async () => {
    const model = await loadRiskModel()
    try {
      const { contributions } = await model.estimate(new Float32Array(FEATURE_NAMES.length))
      expect([...contributions].every((c) => c === 0)).toBe(true)
    } finally {
      await model.close()
    }
  })

  it.each([
    ['a missing model', (dir: string) => rmSync(join(dir, MODEL_FILE)), /risk model is missing/],
    ['a missing card', (dir: string) => rmSync(join(dir, CARD_FILE)), /risk model is missing/],
    [
      'a model that is not the one its card describes',
      (dir: string) => writeFileSync(join(dir, MODEL_FILE), Buffer.from('not a model')),
      /not the model its card describes/,
    ],
    [
      'a card that is not JSON',
      (dir: string) => writeFileSync(join(dir, CARD_FILE), '{'),
      /not valid JSON/,
    ],
    [
      'a model trained on other features',
      (dir: string) =>
        editCard(dir, (card) => {
          card.features = (card.features as string[]).slice(1)
        }),
      /trained on other features.*not in the model: content\.payment-card\.values/,
    ],
  ])('refuses %s and says how to fix it', async (_label, change, message) => {
    const dir = copyOfModel(change)

    const loading = loadRiskModel(dir)
    await expect(loading).rejects.toBeInstanceOf(ModelError)
    await expect(loading).rejects.toThrow(message)
    await expect(loading).rejects.toThrow(/npm run train/)
  })
})

describe('resolveRiskLevels', () => {
  it('reads "model" as the threshold on the model card and keeps numbers', async () => {
    const model = await loadRiskModel()
    try {
      const levels = resolveRiskLevels({ notify: 0.2, justify: 'model' }, model)
      expect(levels).toEqual({
        notify: 0.2,
        justify: model.card.metrics.threshold,
        hold: undefined,
      })
    } finally {
      await model.close()
    }
  })

  it('has no levels without a model', () => {
    expect(resolveRiskLevels({ justify: 'model' }, undefined)).toEqual({})
  })
})
