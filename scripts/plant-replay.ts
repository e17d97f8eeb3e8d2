// Replays real sent-mail histories through the relay's decision path (`replayHistory`, the code
// of `mailward replay`) with planted sends mixed in at seeded random points of each sender's
// history. The behaviour evaluation counts what is interrupted; the risk model's training set
// is made from the same replays.
//
// Two organisations are replayed apart: the Enron sends of shared/corpus/sends/ (internal
// domain enron.com) and the senders of shared/corpus/benign/ (no internal domain). Method:
//   1. A clean replay of every ordinary send, in time order. Ordinary sends are all learned,
//      whatever the decision: they were sent, so an interrupted one was justified by its sender
//      or released by an operator.
//   2. One replay of the ordinary history with planted sends of every kind: up to
//      PLANTS_PER_SENDER of each kind per sender, each placed after a random send of the sender
//      past its warm-up and built from that sender's earlier sends only. Plants are decided but
//      never learned, so they cannot change the history they probe; every ordinary decision is
//      checked to come out as in the clean replay.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { simpleParser } from 'mailparser'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import type { Config } from '../src/config/index.js'
import { readHistory, type HistoryEntry } from '../src/cli/history/read-history.js'
import type { Action } from '../src/policy/index.js'
import {
  LEARN_EVERYTHING,
  replayHistory,
  type ReplayContext,
  type ReplayStep,
} from '../src/cli/replay-history.js'
import { defaultExtractLimits } from '../src/extract/index.js'
import {
  createInProcessInspector,
  type ContentReport,
  type Inspector,
} from '../src/inspect/index.js'
import { openBaselineStore } from '../src/store/baseline-sqlite.js'
import {
  Rng,
  habitAfter,
  type Planter,
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

export interface Org {
  readonly name: string
  readonly paths: readonly string[]
  readonly internalDomains: readonly string[]
}

export const ORGS: readonly Org[] = [
  {
    name: 'enron',
    paths: [join(SHARED, 'corpus/sends/enron-sends.jsonl')],
    internalDomains: ['enron.com'],
  },
  { name: 'benign', paths: [join(SHARED, 'corpus/benign')], internalDomains: [] },
]

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

/** One ordinary send of the history, as the clean replay decided it. */
export interface OrdinaryStep {
  /** The envelope sender ('' for a send that failed inspection). */
  readonly sender: string
  /** Position among this sender's sends, from 0. */
  readonly index: number
  readonly step: ReplayStep
}

/** One planted send, as the replay with plants decided it. */
export interface PlantStep {
  readonly kind: string
  /** How it was made (the edit), for reports of misses; quotes real corpus addresses. */
  readonly how: string
  readonly sender: string
  readonly step: ReplayStep
}

export interface PlantOptions {
  readonly seed: number
  /** Kinds to plant, in order; a kind's seed depends on its position in this list. */
  readonly kinds: readonly string[]
  readonly planters: Readonly<Record<string, Planter>>
  /** Decides with this model too (the evaluation of the risk model); default: rules only. */
  readonly model?: ReplayContext['model']
  /** Earliest position among a sender's sends where a plant may go (default: warm-up). */
  readonly earliest?: number
  /**
   * Write each plant's text above the body of one of the sender's own earlier sends (its
   * greeting, signature and quoted history), so that a plant reads like that sender's mail and
   * not like a template. The training set uses it; the behaviour evaluation does not.
   */
  readonly carrier?: boolean
}

export interface OrgReplay {
  readonly ordinary: readonly OrdinaryStep[]
  readonly plants: readonly PlantStep[]
  readonly senders: number
}

/**
 * Replays one organisation's history twice: clean, then with plants of every kind mixed in at
 * seeded points. Plants are decided but never learned; it is checked that every ordinary
 * decision comes out as in the clean replay.
 */
export async function replayOrg(
  org: Org,
  config: Config,
  options: PlantOptions,
): Promise<OrgReplay> {
  const orgConfig: Config = { ...config, internalDomains: [...org.internalDomains] }
  const history = readHistory(org.paths)
  const ordinaryEntries = history.entries.map(memoizedEntry)
  const inspector = memoizedInspector(
    createInProcessInspector({
      maxMessageDepth: config.limits.maxMessageDepth,
      extract: defaultExtractLimits,
    }),
  )
  const replay = { config: orgConfig, inspector, model: options.model }

  // 1. The clean replay: ordinary sends only.
  const seen = new Map<HistoryEntry, SeenSend>()
  const ordinary: OrdinaryStep[] = []
  const perSender = new Map<string, number>()
  await runReplay(replay, ordinaryEntries, new Set(), (step) => {
    if (step.kind === 'failed') {
      ordinary.push({ sender: '', index: -1, step })
      return
    }
    const features = step.verdict.features
    const sender = features.observation.sender
    if (sender === '' || features.recipients.length === 0) return

    const index = perSender.get(sender) ?? 0
    perSender.set(sender, index + 1)
    seen.set(step.entry, seenSend(step))
    ordinary.push({ sender, index, step })
  })

  // 2. One replay of the ordinary sends with every plant, made from the clean replay's view of
  //    each sender. Plants are never learned, so ordinary decisions must come out the same.
  const planted = options.kinds.flatMap((kind, k) => {
    const planter = options.planters[kind]
    if (planter === undefined) throw new Error(`no planter for kind ${kind}`)
    const rng = new Rng(options.seed * 1000 + k + (org.name === 'enron' ? 0 : 500))
    const how = {
      earliest: options.earliest ?? orgConfig.behavior.warmupSends,
      carrier: options.carrier === true,
    }
    return plantKind(kind, planter, ordinaryEntries, seen, how, rng).map((plant) => ({
      ...plant,
      kind,
    }))
  })
  const byEntry = new Map(planted.map((plant) => [plant.entry, plant]))
  const entries = [...ordinaryEntries, ...byEntry.keys()].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  )
  const plants: PlantStep[] = []
  const clean = ordinary.map((o) => actionOf(o.step))
  let changed = 0
  let ordinaryIndex = 0
  await runReplay(replay, entries, new Set(byEntry.keys()), (step) => {
    const plant = byEntry.get(step.entry)
    if (plant === undefined) {
      const features = step.kind === 'decided' ? step.verdict.features : undefined
      const isEmpty =
        features !== undefined &&
        (features.observation.sender === '' || features.recipients.length === 0)
      if (isEmpty) return
      if (clean[ordinaryIndex++] !== actionOf(step)) changed++
      return
    }
    plants.push({ kind: plant.kind, how: plant.how, sender: plant.sender, step })
  })
  if (changed > 0) throw new Error(`${org.name}: ${changed} ordinary decisions changed with plants`)
  await inspector.close()
  return { ordinary, plants, senders: perSender.size }
}

function actionOf(step: ReplayStep): string {
  return step.kind === 'failed' ? 'failed' : step.verdict.decision.action
}

async function runReplay(
  replay: Omit<ReplayContext, 'baselines'>,
  entries: readonly HistoryEntry[],
  planted: ReadonlySet<HistoryEntry>,
  visit: (step: ReplayStep) => void,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailward-eval-'))
  const { config } = replay
  const baselines = openBaselineStore(dataDir, { cacheSenders: config.behavior.cacheSenders })
  try {
    // Ordinary sends were sent; planted ones are probes of the history, never part of it.
    const learns = (action: Action, entry: HistoryEntry) =>
      !planted.has(entry) && LEARN_EVERYTHING(action, entry)
    for await (const step of replayHistory(entries, { ...replay, baselines }, learns)) {
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
  readonly sender: string
}

function plantKind(
  kind: string,
  planter: Planter,
  ordinary: readonly HistoryEntry[],
  seen: ReadonlyMap<HistoryEntry, SeenSend>,
  placing: { readonly earliest: number; readonly carrier: boolean },
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
  const { earliest } = placing
  for (const [sender, sends] of [...bySender].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (sends.length < earliest) continue
    const count = Math.min(
      PLANTS_PER_SENDER,
      Math.max(1, Math.floor((sends.length - earliest) / SENDS_PER_PLANT)),
    )
    for (let n = 0; n < count; n++) {
      const after = rng.int(earliest, sends.length)
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
      const made = planter(habit, { rng, orgPool, orgHours, everyAddress, everyDomain })
      if (made === undefined) continue

      const next = sends[after]?.send.at.getTime() ?? at + 48 * 3600 * 1000
      const when = made.at ?? usualTime(habit.sends, at, next, rng)
      const id = `planted:${kind}:${sender}:${n}`
      const carrier = placing.carrier ? rng.pick(sends.slice(0, after)).entry : undefined
      plants.push({
        entry: plantedEntry(id, sender, habit.senderName, made, when, carrier),
        how: made.how,
        sender,
      })
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
  carrier: HistoryEntry | undefined,
): HistoryEntry {
  let loaded: ReturnType<HistoryEntry['load']> | undefined
  const load = async () => {
    const carried = carrier === undefined ? '' : await bodyOf(carrier)
    const raw = await new MailComposer({
      from: { name: senderName, address: sender },
      to: plant.to.map((p) => ({ name: p.name, address: p.address })),
      cc: plant.cc.map((p) => ({ name: p.name, address: p.address })),
      subject: plant.subject,
      text: carried === '' ? plant.text : `${plant.text}\n\n${carried}`,
      headers: { ...plant.headers },
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

/** The plain-text body of a history entry, as mailparser reads it. */
async function bodyOf(entry: HistoryEntry): Promise<string> {
  const { raw } = await entry.load()
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true })
  return mail.text ?? ''
}
