// The behaviour evaluation: replays real sent-mail histories through the relay's decision path
// with planted incidents of every kind (scripts/plant-replay.ts explains the method), counts how
// often ordinary sends are interrupted after each sender's warm-up, and how many plants are
// caught. Caught = any action but release. "by signal" = a reason carries the kind's own signal.
//
//   npm run eval:behavior [-- --seed N] [--json FILE] [--misses] [--interrupted]
//   (--misses and --interrupted list cases with real corpus addresses: for a terminal only)
import { writeFileSync } from 'node:fs'
import { loadConfig, type Config } from '../src/config/index.js'
import { EXPECTED_SIGNALS, PLANTERS, PLANT_KINDS, type PlantKind } from './behavior-plants.js'
import { ORGS, replayOrg, type Org, type OrdinaryStep, type PlantStep } from './plant-replay.js'

interface Flags {
  seed: number
  json: string | undefined
  misses: boolean
  interrupted: boolean
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { seed: 5, json: undefined, misses: false, interrupted: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--seed') flags.seed = Number(argv[++i])
    else if (arg === '--json') flags.json = argv[++i]
    else if (arg === '--misses') flags.misses = true
    else if (arg === '--interrupted') flags.interrupted = true
    else throw new Error(`unknown argument ${arg ?? ''} (use --seed N, --json FILE, --misses)`)
  }
  if (!Number.isInteger(flags.seed)) throw new Error('--seed needs a whole number')
  return flags
}

interface OrdinaryResult {
  readonly sender: string
  readonly index: number
  readonly action: string
  readonly rules: readonly string[]
  readonly isBehaviour: boolean
  /** Reason sentences, printed with --interrupted only (they quote real addresses). */
  readonly texts: readonly string[]
}

interface PlantResult {
  readonly kind: PlantKind
  readonly action: string
  readonly bySignal: boolean
  readonly how: string
  readonly reasons: readonly string[]
}

async function evaluateOrg(org: Org, config: Config, flags: Flags) {
  const replay = await replayOrg(org, config, {
    seed: flags.seed,
    kinds: PLANT_KINDS,
    planters: PLANTERS,
  })
  return {
    results: replay.ordinary.map(ordinaryResult),
    plants: replay.plants.map(plantResult),
    senders: replay.senders,
  }
}

function ordinaryResult({ sender, index, step }: OrdinaryStep): OrdinaryResult {
  if (step.kind === 'failed') {
    return { sender, index, action: 'failed', rules: [], isBehaviour: false, texts: [step.error] }
  }
  const reasons = step.verdict.decision.reasons
  return {
    sender,
    index,
    action: step.verdict.decision.action,
    rules: reasons.map((reason) => reason.code),
    isBehaviour: reasons.some((reason) => (reason.signals ?? []).length > 0),
    texts: reasons.map((reason) => `${reason.code}: ${reason.text}`),
  }
}

function plantResult({ kind, how, step }: PlantStep): PlantResult {
  const plantKind = kind as PlantKind
  if (step.kind === 'failed') {
    return { kind: plantKind, action: 'failed', bySignal: false, how, reasons: [] }
  }
  const decision = step.verdict.decision
  const expected = EXPECTED_SIGNALS[plantKind]
  return {
    kind: plantKind,
    action: decision.action,
    bySignal: decision.reasons.some((r) => (r.signals ?? []).some((s) => expected.includes(s))),
    how,
    reasons: [
      ...step.verdict.features.signals.map((signal) => signal.code),
      `hour share ${step.verdict.features.measures.hourShare.toFixed(3)}`,
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function percent(part: number, whole: number): string {
  return whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`
}

function summarize(results: readonly OrdinaryResult[], warmup: number) {
  const afterWarmup = results.filter((r) => r.index >= warmup)
  const interrupted = afterWarmup.filter((r) => r.action !== 'release')
  const byBehaviour = interrupted.filter((r) => r.isBehaviour)
  const rules = new Map<string, number>()
  for (const r of interrupted)
    for (const rule of new Set(r.rules)) rules.set(rule, (rules.get(rule) ?? 0) + 1)
  return {
    total: afterWarmup.length,
    interrupted: interrupted.length,
    byBehaviour: byBehaviour.length,
    rules,
  }
}

function printOrdinary(name: string, summary: ReturnType<typeof summarize>): void {
  const { total, interrupted, byBehaviour, rules } = summary
  console.log(
    `${name.padEnd(8)} ordinary sends after warm-up: ${String(total).padStart(5)}   interrupted ` +
      `${String(interrupted).padStart(4)} (${percent(interrupted, total).trim()})   by behaviour rules ` +
      `${String(byBehaviour).padStart(4)} (${percent(byBehaviour, total).trim()})`,
  )
  const list = [...rules].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`)
  if (list.length > 0) console.log(`         by rule: ${list.join(', ')}`)
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2))
  const loaded = loadConfig(undefined)
  if (!loaded.ok) throw new Error(`default configuration does not load: ${loaded.source}`)
  const config = loaded.config
  const warmup = config.behavior.warmupSends
  const started = Date.now()

  const outcomes = []
  for (const org of ORGS) outcomes.push({ org, ...(await evaluateOrg(org, config, flags)) })

  console.log(
    `Behaviour evaluation (seed ${flags.seed}, warm-up ${warmup} sends, default policy)\n`,
  )
  const allResults = outcomes.flatMap((o) => o.results)
  for (const o of outcomes) printOrdinary(o.org.name, summarize(o.results, warmup))
  printOrdinary('all', summarize(allResults, warmup))
  if (flags.interrupted) {
    for (const r of allResults.filter((r) => r.index >= warmup && r.isBehaviour)) {
      console.log(`  ${r.action} ${r.sender} #${r.index}: ${r.texts.join(' | ')}`)
    }
  }

  console.log('\nPlanted incidents      planted  caught          by its signal')
  const allPlants = outcomes.flatMap((o) => o.plants)
  const rows = PLANT_KINDS.map((kind) => {
    const mine = allPlants.filter((p) => p.kind === kind)
    const caught = mine.filter((p) => p.action !== 'release')
    const bySignal = mine.filter((p) => p.bySignal)
    console.log(
      `${kind.padEnd(27)} ${String(mine.length).padStart(4)} ${String(caught.length).padStart(6)} ` +
        `${percent(caught.length, mine.length)}  ${String(bySignal.length).padStart(6)} ${percent(bySignal.length, mine.length)}`,
    )
    if (flags.misses) {
      for (const miss of mine.filter((p) => p.action === 'release').slice(0, 8)) {
        console.log(`      missed: ${miss.how}  [signals: ${miss.reasons.join(', ')}]`)
      }
    }
    return { kind, planted: mine.length, caught: caught.length, bySignal: bySignal.length }
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  console.log(
    `\n${outcomes.map((o) => `${o.org.name}: ${o.senders} senders`).join(', ')}; ${seconds} s`,
  )

  if (flags.json !== undefined) {
    const ordinary = Object.fromEntries(
      [...outcomes.map((o) => [o.org.name, o.results] as const), ['all', allResults] as const].map(
        ([name, results]) => {
          const s = summarize(results, warmup)
          return [name, { ...s, rules: Object.fromEntries(s.rules) }]
        },
      ),
    )
    writeFileSync(
      flags.json,
      `${JSON.stringify({ seed: flags.seed, ordinary, plants: rows }, null, 2)}\n`,
    )
  }
}

await main()
