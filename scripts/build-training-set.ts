// The risk model's labelled sends: the behaviour evaluation's replays (scripts/plant-replay.ts)
// of real sent-mail histories, with every planted incident kind plus content variations, each
// decided by the rules alone. One JSON line per send: its sender (the split is by sender), its
// kind, its label, whether the rules interrupted it, whether a hard rule (one the model cannot
// overrule) did, and the feature vector the relay would give the model.
//
// Labels, by construction (docs/model.md):
//   ordinary history sends           0  they were sent, and they are the habit
//   planted incidents (14 kinds)     1  the mistakes of docs/behavior.md
//   invoice-to-usual-recipient       0  bank details to a partner written to before
//   contact-to-usual-recipient       0  a phone number and address to a partner written to before
//   sensitive-to-colleague           0  bank, card or key data to a colleague (it stays inside)
//   confidential-to-usual-recipient  0  a Confidential label to a partner written to before
//   confidential-to-new-domain       1  a Confidential label to a domain never written to
//   sensitive-under-general-label    1  bank or card data in a message labelled General
//   secret-to-usual-recipient        1  a cloud key pair to anyone outside
//
//   tsx scripts/build-training-set.ts OUT.jsonl [--seed N]
import { createWriteStream } from 'node:fs'
import { loadConfig } from '../src/config/index.js'
import {
  FEATURE_NAMES,
  FEATURE_SCHEMA_HASH,
  featureVector,
} from '../src/classify/feature-vector.js'
import type { PolicyRule } from '../src/config/schema.js'
import { ORGS, replayOrg } from './plant-replay.js'
import { KINDS, PLANTERS_ALL, TRAINING_PLACING, labelOf, senderKey } from './training-kinds.js'
import type { ReplayStep } from '../src/cli/replay-history.js'

/** Whether a rule the model cannot overrule (one without minRisk) interrupted the send. */
function hardInterrupt(
  step: Extract<ReplayStep, { kind: 'decided' }>,
  rules: readonly PolicyRule[],
) {
  const hard = new Set(rules.filter((rule) => rule.minRisk === undefined).map((rule) => rule.name))
  return step.verdict.decision.reasons.some((r) => hard.has(r.code) && r.action !== 'release')
}

async function main(): Promise<void> {
  const [out, ...rest] = process.argv.slice(2)
  if (out === undefined) throw new Error('usage: build-training-set.ts OUT.jsonl [--seed N]')
  const seedAt = rest.indexOf('--seed')
  const seed = seedAt === -1 ? 5 : Number(rest[seedAt + 1])
  if (!Number.isInteger(seed)) throw new Error('--seed needs a whole number')

  const loaded = loadConfig(undefined)
  if (!loaded.ok) throw new Error(`default configuration does not load: ${loaded.source}`)
  const config = loaded.config

  const file = createWriteStream(out)
  const write = (row: unknown) => file.write(`${JSON.stringify(row)}\n`)
  write({
    schema: { hash: FEATURE_SCHEMA_HASH, features: FEATURE_NAMES },
    source: { seed, orgs: ORGS.map((org) => org.name), kinds: KINDS },
  })

  const counts = new Map<string, number>()
  const emit = (org: string, sender: string, kind: string, step: ReplayStep): void => {
    if (step.kind !== 'decided' || sender === '') return
    const { verdict } = step
    write({
      sender: senderKey(org, sender),
      kind,
      label: labelOf(kind),
      rules: verdict.decision.action === 'release' ? 0 : 1,
      hard: hardInterrupt(step, config.policy.rules) ? 1 : 0,
      features: Array.from(
        featureVector({
          features: verdict.features,
          findings: verdict.content.findings,
          labels: verdict.content.labels,
        }),
        (value) => Math.round(value * 1e5) / 1e5,
      ),
    })
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }

  for (const org of ORGS) {
    const replay = await replayOrg(org, config, {
      seed,
      kinds: KINDS,
      planters: PLANTERS_ALL,
      ...TRAINING_PLACING,
    })
    for (const o of replay.ordinary) emit(org.name, o.sender, 'ordinary', o.step)
    for (const p of replay.plants) emit(org.name, p.sender, p.kind, p.step)
  }
  await new Promise<void>((resolve) => file.end(resolve))

  const summary = [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ')
  process.stderr.write(`build-training-set: ${out}: ${summary}\n`)
}

await main()
