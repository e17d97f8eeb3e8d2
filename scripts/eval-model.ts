// The risk model against the rules alone, on the senders the training script held out: the
// same replays, plants and variations as the training set (scripts/build-training-set.ts), run
// twice through the relay's decision path with the shipped configuration, once without the
// model (every rule holds as written, minRisk ignored: the rules-only decision) and once with
// it (hard rules, gated rules and the model's own levels). A decision counts as interrupting
// when it is not release. Only held-out senders' sends are counted; every sender's history is
// replayed, so that baselines are what the relay would have had.
//
//   tsx scripts/eval-model.ts [MODEL_DIR] [--json FILE]
import { writeFileSync } from 'node:fs'
import { loadConfig } from '../src/config/index.js'
import { DEFAULT_MODEL_DIR, loadRiskModel, type RiskModel } from '../src/classify/index.js'
import type { ReplayStep } from '../src/cli/replay-history.js'
import { ORGS, replayOrg } from './plant-replay.js'
import {
  KINDS,
  PLANTERS_ALL,
  TRAINING_PLACING,
  isHeldOut,
  labelOf,
  senderKey,
} from './training-kinds.js'

interface Scored {
  readonly kind: string
  readonly label: 0 | 1
  readonly index: number
  readonly interrupted: boolean
}

interface Tally {
  tp: number
  fp: number
  fn: number
  tn: number
}

const SEED = 5

async function decisions(model: RiskModel | undefined, seed: number, share: number) {
  const loaded = loadConfig(undefined)
  if (!loaded.ok) throw new Error(`default configuration does not load: ${loaded.source}`)
  const config = loaded.config

  const scored: Scored[] = []
  const keep = (org: string, sender: string, kind: string, index: number, step: ReplayStep) => {
    if (step.kind !== 'decided' || sender === '') return
    if (!isHeldOut(senderKey(org, sender), seed, share)) return
    const interrupted = step.verdict.decision.action !== 'release'
    scored.push({ kind, label: labelOf(kind), index, interrupted })
  }

  for (const org of ORGS) {
    const replay = await replayOrg(org, config, {
      seed: SEED,
      kinds: KINDS,
      planters: PLANTERS_ALL,
      ...TRAINING_PLACING,
      model,
    })
    for (const o of replay.ordinary) keep(org.name, o.sender, 'ordinary', o.index, o.step)
    for (const p of replay.plants) keep(org.name, p.sender, p.kind, Infinity, p.step)
  }
  return { scored, warmup: config.behavior.warmupSends }
}

function tally(scored: readonly Scored[]): Tally {
  const t: Tally = { tp: 0, fp: 0, fn: 0, tn: 0 }
  for (const s of scored) {
    if (s.label === 1 && s.interrupted) t.tp++
    else if (s.label === 1) t.fn++
    else if (s.interrupted) t.fp++
    else t.tn++
  }
  return t
}

function metrics(scored: readonly Scored[], warmup: number) {
  const t = tally(scored)
  const precision = t.tp + t.fp === 0 ? 0 : t.tp / (t.tp + t.fp)
  const recall = t.tp + t.fn === 0 ? 0 : t.tp / (t.tp + t.fn)
  const ordinary = scored.filter((s) => s.kind === 'ordinary' && s.index >= warmup)
  const perKind = Object.fromEntries(
    KINDS.map((kind) => {
      const mine = scored.filter((s) => s.kind === kind)
      return [kind, { sends: mine.length, interrupted: mine.filter((s) => s.interrupted).length }]
    }),
  )
  return {
    ...t,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    ordinaryAfterWarmup: ordinary.length,
    ordinaryInterrupted: ordinary.filter((s) => s.interrupted).length,
    perKind,
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '    -' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const jsonAt = args.indexOf('--json')
  const json = jsonAt === -1 ? undefined : args[jsonAt + 1]
  const dir = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--json')
  const model = await loadRiskModel(dir ?? DEFAULT_MODEL_DIR)
  const splitSeed = Number(model.card.metrics.splitSeed ?? 7)
  const share = Number(model.card.metrics.heldOutShare ?? 0.25)

  const rulesOnly = await decisions(undefined, splitSeed, share)
  const withModel = await decisions(model, splitSeed, share)
  await model.close()

  const rules = metrics(rulesOnly.scored, rulesOnly.warmup)
  const shipped = metrics(withModel.scored, withModel.warmup)

  console.log(
    `Risk model ${model.name} on held-out senders (split seed ${splitSeed}), plants seed ${SEED}\n`,
  )
  console.log('decision           precision  recall    F1   ordinary interrupted after warm-up')
  for (const [name, m] of [
    ['rules only', rules],
    ['model + rules', shipped],
  ] as const) {
    console.log(
      `${name.padEnd(18)} ${m.precision.toFixed(3).padStart(9)} ${m.recall.toFixed(3).padStart(7)} ` +
        `${m.f1.toFixed(3).padStart(5)}   ${m.ordinaryInterrupted} of ${m.ordinaryAfterWarmup} ` +
        `(${percent(m.ordinaryInterrupted, m.ordinaryAfterWarmup).trim()})`,
    )
  }
  console.log(
    '\nkind                          sends   rules only   model + rules   (share interrupted)',
  )
  for (const kind of KINDS) {
    const r = rules.perKind[kind] ?? { sends: 0, interrupted: 0 }
    const s = shipped.perKind[kind] ?? { sends: 0, interrupted: 0 }
    const label = labelOf(kind) === 0 ? ' (label 0)' : ''
    console.log(
      `${(kind + label).padEnd(30)} ${String(r.sends).padStart(4)}   ${percent(r.interrupted, r.sends)}       ${percent(s.interrupted, s.sends)}`,
    )
  }
  if (json !== undefined) {
    writeFileSync(json, `${JSON.stringify({ model: model.name, rules, shipped }, null, 2)}\n`)
  }
}

await main()
