// The behaviour evaluation: replays real sent-mail histories through the relay's decision path
// (`replayHistory`, the code of `mailward replay`) and counts how often ordinary sends are
// interrupted after each sender's warm-up, then plants incidents of each kind at seeded random
// points of each sender's history and counts how many are caught.
//
// Two organisations are replayed apart: the Enron sends of shared/corpus/sends/ (internal
// domain enron.com) and the senders of shared/corpus/benign/ (no internal domain). Method:
//   1. A clean replay of every ordinary send, in time order. Ordinary sends are all learned,
//      whatever the decision: they were sent, so an interrupted one was justified by its sender
//      or released by an operator.
//   2. One replay of the ordinary history with planted sends of every kind: up to
//      PLANTS_PER_SENDER of each kind per sender, each placed after a random send of the sender
//      past its warm-up and built from that sender's earlier sends only. Plants are decided but
//      never learned, so they cannot change the history they probe; the script checks that
//      every ordinary decision comes out as in the clean replay.
//   Caught = any action but release. "by signal" = a reason carries the kind's own signal.
//
//   npm run eval:behavior [-- --seed N] [--json FILE] [--misses] [--interrupted]
//   (--misses and --interrupted list cases with real corpus addresses: for a terminal only)
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import { loadConfig, type Config } from '../src/config/index.js'
import { readHistory, type HistoryEntry } from '../src/cli/history/read-history.js'
import type { Action } from '../src/policy/index.js'
import { LEARN_EVERYTHING, replayHistory, type ReplayStep } from '../src/cli/replay-history.js'
import { defaultExtractLimits } from '../src/extract/index.js'
import {
  createInProcessInspector,
  type ContentReport,
  type Inspector,
} from '../src/inspect/index.js'
import { openBaselineStore } from '../src/store/baseline-sqlite.js'
import {
  EXPECTED_SIGNALS,
  PLANTERS,
  PLANT_KINDS,
  Rng,
  habitAfter,
  type PlantKind,
  type PlantedSend,
  type SeenRecipient,
  type SeenSend,
} from './behavior-plants.js'

const SHARED =
  process.env.MAILWARD_SHARED ?? fileURLToPath(new URL('../../shared/', import.meta.url))

/** Plants of one kind per sender at most, so that one prolific sender does not dominate. */
const PLANTS_PER_SENDER = 3

/** One plant per this many of a sender's sends past warm-up (at least one). */
const SENDS_PER_PLANT = 20

interface Org {
  readonly name: string
  readonly paths: readonly string[]
  readonly internalDomains: readonly string[]
}

const ORGS: readonly Org[] = [
  {
    name: 'enron',
    paths: [join(SHARED, 'corpus/sends/enron-sends.jsonl')],
    internalDomains: ['enron.com'],
  },
  { name: 'benign', paths: [join(SHARED, 'corpus/benign')], internalDomains: [] },
]

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

/** Inspection results kept per raw buffer: every replay of an org sees the same messages. */
function memoizedInspector(inner: Inspector): Inspector {
  const done = new WeakMap<Buffer, Promise<ContentReport>>()
  return {
    inspect(raw, timeoutMs) {
      let report = done.get(raw)
      if (report === undefined) {
        report = inner.inspect(raw, timeoutMs)
        done.set(raw, report)
      }
      return report
    },
    close: () => inner.close(),
  }
}

function memoizedEntry(entry: HistoryEntry): HistoryEntry {
  let loaded: ReturnType<HistoryEntry['load']> | undefined
  return { ...entry, load: () => (loaded ??= entry.load()) }
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

async function replayOrg(org: Org, config: Config, flags: Flags) {
  const orgConfig: Config = { ...config, internalDomains: [...org.internalDomains] }
  const history = readHistory(org.paths)
  const ordinary = history.entries.map(memoizedEntry)
  const inspector = memoizedInspector(
    createInProcessInspector({
      maxMessageDepth: config.limits.maxMessageDepth,
      extract: defaultExtractLimits,
    }),
  )

  // 1. The clean replay: ordinary sends only.
  const seen = new Map<HistoryEntry, SeenSend>()
  const results: OrdinaryResult[] = []
  const perSender = new Map<string, number>()
  await runReplay(orgConfig, inspector, ordinary, new Set(), (step) => {
    if (step.kind === 'failed') {
      results.push({
        sender: '',
        index: -1,
        action: 'failed',
        rules: [],
        isBehaviour: false,
        texts: [step.error],
      })
      return
    }
    const features = step.verdict.features
    const sender = features.observation.sender
    if (sender === '' || features.recipients.length === 0) return

    const index = perSender.get(sender) ?? 0
    perSender.set(sender, index + 1)
    seen.set(step.entry, seenSend(step))
    const reasons = step.verdict.decision.reasons
    results.push({
      sender,
      index,
      action: step.verdict.decision.action,
      rules: reasons.map((reason) => reason.code),
      isBehaviour: reasons.some((reason) => (reason.signals ?? []).length > 0),
      texts: reasons.map((reason) => `${reason.code}: ${reason.text}`),
    })
  })

  // 2. One replay of the ordinary sends with every plant, made from the clean replay's view of
  //    each sender. Plants are never learned, so ordinary decisions must come out the same.
  const planted = PLANT_KINDS.flatMap((kind, k) => {
    const rng = new Rng(flags.seed * 1000 + k + (org.name === 'enron' ? 0 : 500))
    return plantKind(kind, ordinary, seen, orgConfig, rng).map((plant) => ({ ...plant, kind }))
  })
  const byEntry = new Map(planted.map((plant) => [plant.entry, plant]))
  const entries = [...ordinary, ...byEntry.keys()].sort((a, b) => a.at.getTime() - b.at.getTime())
  const plants: PlantResult[] = []
  let changed = 0
  const clean = new Map(results.map((r, i) => [i, r.action]))
  let ordinaryIndex = 0
  await runReplay(orgConfig, inspector, entries, new Set(byEntry.keys()), (step) => {
    const plant = byEntry.get(step.entry)
    if (plant === undefined) {
      const action = step.kind === 'failed' ? 'failed' : step.verdict.decision.action
      const features = step.kind === 'decided' ? step.verdict.features : undefined
      if (
        features !== undefined &&
        (features.observation.sender === '' || features.recipients.length === 0)
      )
        return
      if (clean.get(ordinaryIndex++) !== action) changed++
      return
    }
    if (step.kind === 'failed') {
      plants.push({
        kind: plant.kind,
        action: 'failed',
        bySignal: false,
        how: plant.how,
        reasons: [],
      })
      return
    }
    const decision = step.verdict.decision
    const expected = EXPECTED_SIGNALS[plant.kind]
    plants.push({
      kind: plant.kind,
      action: decision.action,
      bySignal: decision.reasons.some((r) => (r.signals ?? []).some((s) => expected.includes(s))),
      how: plant.how,
      reasons: [
        ...step.verdict.features.signals.map((signal) => signal.code),
        `hour share ${step.verdict.features.measures.hourShare.toFixed(3)}`,
      ],
    })
  })
  if (changed > 0) throw new Error(`${org.name}: ${changed} ordinary decisions changed with plants`)
  await inspector.close()
  return { results, plants, senders: perSender.size }
}

async function runReplay(
  config: Config,
  inspector: Inspector,
  entries: readonly HistoryEntry[],
  planted: ReadonlySet<HistoryEntry>,
  visit: (step: ReplayStep) => void,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailward-eval-'))
  const baselines = openBaselineStore(dataDir, { cacheSenders: config.behavior.cacheSenders })
  try {
    // Ordinary sends were sent; planted ones are probes of the history, never part of it.
    const learns = (action: Action, entry: HistoryEntry) =>
      !planted.has(entry) && LEARN_EVERYTHING(action, entry)
    for await (const step of replayHistory(entries, { config, inspector, baselines }, learns)) {
      visit(step)
    }
  } finally {
    await baselines.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function seenSend(step: Extract<ReplayStep, { kind: 'decided' }>): SeenSend {
  const features = step.verdict.features
  const recipients: SeenRecipient[] = features.recipients.map((r) => ({
    key: r.address.toLowerCase(),
    address: r.address,
    name: r.name,
    domain: r.domain,
    isExternal: r.isExternal,
  }))
  return {
    sender: features.observation.sender,
    senderName: features.observation.senderName,
    at: step.entry.at,
    hourOfWeek: features.observation.hourOfWeek,
    recipients,
    attachmentBytes: features.attachments.bytes,
  }
}

interface Plant {
  readonly entry: HistoryEntry
  readonly how: string
}

function plantKind(
  kind: PlantKind,
  ordinary: readonly HistoryEntry[],
  seen: ReadonlyMap<HistoryEntry, SeenSend>,
  config: Config,
  rng: Rng,
): Plant[] {
  const bySender = new Map<string, { entry: HistoryEntry; send: SeenSend }[]>()
  const everyAddress = new Set<string>()
  const everyDomain = new Set<string>()
  const firstSeen = new Map<string, { recipient: SeenRecipient; at: number }>()
  const times: { at: number; hourOfWeek: number }[] = []
  for (const entry of ordinary) {
    const send = seen.get(entry)
    if (send === undefined) continue
    times.push({ at: send.at.getTime(), hourOfWeek: send.hourOfWeek })
    const list = bySender.get(send.sender) ?? []
    list.push({ entry, send })
    bySender.set(send.sender, list)
    for (const r of send.recipients) {
      everyAddress.add(r.key)
      everyDomain.add(r.domain)
      if (r.isExternal && !firstSeen.has(r.key)) {
        firstSeen.set(r.key, { recipient: r, at: send.at.getTime() })
      }
    }
  }
  const pool = [...firstSeen.values()]

  const plants: Plant[] = []
  const warmup = config.behavior.warmupSends
  for (const [sender, sends] of [...bySender].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (sends.length < warmup) continue
    const count = Math.min(
      PLANTS_PER_SENDER,
      Math.max(1, Math.floor((sends.length - warmup) / SENDS_PER_PLANT)),
    )
    for (let n = 0; n < count; n++) {
      const after = rng.int(warmup, sends.length)
      const habit = habitAfter(
        sends.map((s) => s.send),
        after,
      )
      const previous = sends[after - 1]
      if (previous === undefined) continue
      const at = previous.send.at.getTime()
      const orgPool = pool.filter((p) => p.at < at).map((p) => p.recipient)
      const orgHours = new Array<number>(168).fill(0)
      for (const t of times)
        if (t.at < at) orgHours[t.hourOfWeek] = (orgHours[t.hourOfWeek] ?? 0) + 1
      const made = PLANTERS[kind](habit, { rng, orgPool, orgHours, everyAddress, everyDomain })
      if (made === undefined) continue

      const next = sends[after]?.send.at.getTime() ?? at + 48 * 3600 * 1000
      const when = made.at ?? usualTime(habit.sends, at, next, rng)
      const id = `planted:${kind}:${sender}:${n}`
      plants.push({ entry: plantedEntry(id, sender, habit.senderName, made, when), how: made.how })
    }
  }
  return plants
}

/** A time between two sends at the time of day of one of the sender's earlier sends. */
function usualTime(sends: readonly SeenSend[], from: number, to: number, rng: Rng): Date {
  const model = rng.pick(sends).at
  const day = new Date(from + (to - from) * rng.next())
  const at = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
    model.getUTCHours(),
    model.getUTCMinutes(),
  )
  return new Date(Math.min(Math.max(at, from + 60_000), Math.max(from + 60_000, to - 60_000)))
}

function plantedEntry(
  id: string,
  sender: string,
  senderName: string,
  plant: PlantedSend,
  at: Date,
): HistoryEntry {
  let loaded: ReturnType<HistoryEntry['load']> | undefined
  const load = async () => {
    const raw = await new MailComposer({
      from: { name: senderName, address: sender },
      to: plant.to.map((p) => ({ name: p.name, address: p.address })),
      cc: plant.cc.map((p) => ({ name: p.name, address: p.address })),
      subject: plant.subject,
      text: plant.text,
      date: at,
      attachments: plant.attachments.map((a) => ({ ...a })),
    })
      .compile()
      .build()
    const rcptTo = [...plant.to, ...plant.cc].map((p) => p.address)
    return {
      raw,
      envelope: { mailFrom: sender, rcptTo, clientAddress: '', heloName: 'eval', tls: false },
      skippedRecipients: 0,
    }
  }
  return { origin: id, messageId: id, at, load: () => (loaded ??= load()) }
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
  for (const org of ORGS) outcomes.push({ org, ...(await replayOrg(org, config, flags)) })

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
