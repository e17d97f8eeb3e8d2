// The risk model at run time: one onnxruntime session, created at start and reused for every
// send. The model card beside the ONNX file names the features it was trained on; a model
// whose features differ from this build's, or whose bytes differ from its card, is refused.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ort from 'onnxruntime-node'
import { z } from 'zod'
import { FEATURE_NAMES, FEATURE_SCHEMA_HASH } from './feature-vector.js'

/** The folder of the shipped model: `models/` at the top of the package. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../models', import.meta.url))

export const MODEL_FILE = 'risk-model.onnx'
export const CARD_FILE = 'risk-model.json'

const cardSchema = z.object({
  id: z.string().min(1),
  /** First 16 hex digits of the SHA-256 of the ONNX file. */
  version: z.string().regex(/^[0-9a-f]{16}$/),
  trainedAt: z.string(),
  featureSchemaHash: z.string(),
  features: z.array(z.string()),
  /** Per-feature weights in the model's scaled space (for docs and for checking the export). */
  weights: z.array(z.number()),
  bias: z.number(),
  metrics: z.record(z.string(), z.unknown()),
})

export type ModelCard = z.infer<typeof cardSchema>

/** Why a model could not be loaded, with what to do about it. */
export class ModelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ModelError'
  }
}

export interface RiskEstimate {
  /** Probability that the send should not leave as it is. */
  readonly probability: number
  /** Each feature's share of the log-odds, in FEATURES order (positive raises risk). */
  readonly contributions: Float32Array
}

export interface RiskModel {
  /** `<id>@<version>`, shown in decisions and logs. */
  readonly name: string
  readonly card: ModelCard
  estimate(vector: Float32Array): Promise<RiskEstimate>
  close(): Promise<void>
}

const RETRAIN_HINT = 'retrain it with `npm run train` (scripts/train-model.sh), or restore models/'

/**
 * Loads and checks the model in `dir`: the card must parse, the ONNX file must be the one the
 * card describes, and its features must be exactly this build's. Throws ModelError otherwise.
 *
 * @example
 * const model = await loadRiskModel()
 * const { probability } = await model.estimate(featureVector({ features, findings }))
 */
export async function loadRiskModel(dir: string = DEFAULT_MODEL_DIR): Promise<RiskModel> {
  const card = readCard(dir)
  const bytes = readOrFail(join(dir, MODEL_FILE))

  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 16)
  if (version !== card.version) {
    throw new ModelError(
      `${join(dir, MODEL_FILE)} is not the model its card describes ` +
        `(file ${version}, card ${card.version}); ${RETRAIN_HINT}`,
    )
  }
  checkFeatures(card)

  let session: ort.InferenceSession
  try {
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 })
  } catch (error) {
    throw new ModelError(`${join(dir, MODEL_FILE)} could not be loaded; ${RETRAIN_HINT}`, {
      cause: error,
    })
  }

  const model: RiskModel = {
    name: `${card.id}@${card.version}`,
    card,
    estimate: (vector) => estimateWith(session, vector),
    close: () => session.release(),
  }
  await checkOutputs(model, dir)
  return model
}

function readCard(dir: string): ModelCard {
  const path = join(dir, CARD_FILE)
  const text = readOrFail(path).toString('utf8')

  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ModelError(`${path} is not valid JSON; ${RETRAIN_HINT}`, { cause: error })
  }
  const result = cardSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.join('.') ?? ''
    throw new ModelError(`${path}: ${where} ${issue?.message ?? 'invalid'}; ${RETRAIN_HINT}`)
  }
  return result.data
}

function readOrFail(path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new ModelError(`the risk model is missing: cannot read ${path}; ${RETRAIN_HINT}`, {
      cause: error,
    })
  }
}

function checkFeatures(card: ModelCard): void {
  const isSame =
    card.featureSchemaHash === FEATURE_SCHEMA_HASH &&
    card.features.length === FEATURE_NAMES.length &&
    card.features.every((name, i) => name === FEATURE_NAMES[i])
  if (isSame) return

  const missing = FEATURE_NAMES.filter((name) => !card.features.includes(name))
  const extra = card.features.filter((name) => !FEATURE_NAMES.includes(name))
  const detail = [
    missing.length > 0 ? `not in the model: ${missing.slice(0, 3).join(', ')}` : '',
    extra.length > 0 ? `unknown to this build: ${extra.slice(0, 3).join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ')
  throw new ModelError(
    `the risk model was trained on other features than this build computes ` +
      `(schema ${card.featureSchemaHash}, build ${FEATURE_SCHEMA_HASH}` +
      `${detail === '' ? ', order differs' : `; ${detail}`}); ${RETRAIN_HINT}`,
  )
}

async function estimateWith(
  session: ort.InferenceSession,
  vector: Float32Array,
): Promise<RiskEstimate> {
  const input = new ort.Tensor('float32', vector, [1, vector.length])
  const output = await session.run({ features: input })

  const probability = output.probability?.data
  const contributions = output.contributions?.data
  if (!(probability instanceof Float32Array) || !(contributions instanceof Float32Array)) {
    throw new ModelError('the risk model did not return probability and contributions')
  }
  return { probability: probability[0] ?? Number.NaN, contributions }
}

// One run on an all-zero send at load: a model that cannot score is found at start, not on the
// first message.
async function checkOutputs(model: RiskModel, dir: string): Promise<void> {
  let estimate: RiskEstimate
  try {
    estimate = await model.estimate(new Float32Array(FEATURE_NAMES.length))
  } catch (error) {
    throw new ModelError(`${join(dir, MODEL_FILE)} cannot score a send; ${RETRAIN_HINT}`, {
      cause: error,
    })
  }
  const isValid =
    estimate.probability >= 0 &&
    estimate.probability <= 1 &&
    estimate.contributions.length === FEATURE_NAMES.length
  if (!isValid) {
    throw new ModelError(
      `${join(dir, MODEL_FILE)} returns outputs of the wrong shape; ${RETRAIN_HINT}`,
    )
  }
}
