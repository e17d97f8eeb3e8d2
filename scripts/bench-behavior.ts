// Benchmark of the profile stage against a large baseline store: 10,000 senders who each know
// 500 recipients. Measures the latency of profiling one send (describeSend: baseline lookup and
// every signal) plus learning it (learnSend: memory and one SQLite transaction), and the store's
// size on disk. Speed is measured here, never asserted in tests.
//
//   npm run bench:behavior [-- --senders N --recipients N --sends N --seconds S]
//
// Seeding writes the baselines through the store's own bulk path (learnBatch), 50 sends of 10
// recipients per sender. Two runs follow: senders drawn uniformly (almost every send misses the
// default cache of 2,000 senders and reads the sender's rows from disk), with Zipf-like
// locality (s = 1, as mail traffic is: a few senders send most of it), and with cached senders
// only (the in-memory path).
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as hdr from 'hdr-histogram-js'
import { describeSend, learnSend, type BehaviorSettings } from '../src/behavior/index.js'
import type { SendInput } from '../src/behavior/index.js'
import { hourOfWeek } from '../src/behavior/hour-of-week.js'
import { normalizeAddress } from '../src/mime/index.js'
import type { Address } from '../src/mime/types.js'
import { openBaselineStore } from '../src/store/baseline-sqlite.js'
import type { BaselineStore, SendObservation } from '../src/store/baseline-types.js'

interface Options {
  senders: number
  recipients: number
  sends: number
  seconds: number
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { senders: 10_000, recipients: 500, sends: 20_000, seconds: 60 }
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '') as keyof Options
    const value = Number(argv[i + 1])
    if (!(key in options) || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `bad option ${argv[i] ?? ''} (use --senders, --recipients, --sends, --seconds)`,
      )
    }
    options[key] = value
  }
  return options
}

const SETTINGS: BehaviorSettings = {
  enabled: true,
  timeZone: 'UTC',
  workingHours: { start: 8, end: 18 },
  warmupSends: 10,
  cacheSenders: 2000,
  freeMailDomains: [],
  visibleExternalLimit: 10,
}
const INTERNAL = ['corp.example']
const PER_SEND = 10
const DOMAINS = 20_000
const START = Date.UTC(2024, 0, 1, 9)

/** Deterministic: recipient r of sender s. */
function recipientOf(sender: number, r: number): { address: string; name: string } {
  const domain = `d${(sender * 31 + Math.floor(r / 10) * 7) % DOMAINS}.example`
  return { address: `person${r}.s${sender}@${domain}`, name: `Person ${r} Of ${sender}` }
}

function senderOf(sender: number): string {
  return `sender${sender}@corp.example`
}

async function seed(store: BaselineStore, options: Options): Promise<number> {
  const started = performance.now()
  const sendsPerSender = Math.ceil(options.recipients / PER_SEND)
  let batch: SendObservation[] = []
  for (let s = 0; s < options.senders; s++) {
    for (let n = 0; n < sendsPerSender; n++) {
      const at = new Date(START + (n * 7 + (s % 5)) * 86_400_000 + (s % 8) * 3_600_000)
      const recipients = Array.from({ length: PER_SEND }, (_, i) => {
        const { address, name } = recipientOf(s, n * PER_SEND + i)
        return { address, name, domain: address.slice(address.indexOf('@') + 1) }
      })
      batch.push({
        sender: senderOf(s),
        senderName: `Sender ${s}`,
        at,
        hourOfWeek: hourOfWeek(at, 'UTC'),
        recipients,
        attachments: n % 3 === 0 ? 1 : 0,
        attachmentBytes: n % 3 === 0 ? 50_000 + n * 1000 : 0,
        findings: n % 7 === 0 ? 1 : 0,
        visibleExternal: PER_SEND,
      })
    }
    if (batch.length >= 5000) {
      await store.learnBatch(batch)
      batch = []
    }
  }
  if (batch.length > 0) await store.learnBatch(batch)
  return (performance.now() - started) / 1000
}

function address(text: string, name = ''): Address {
  const parsed = normalizeAddress(text, name)
  if (parsed === undefined) throw new Error(`bad address ${text}`)
  return parsed
}

/** A send of sender s: mostly known recipients, now and then a new or a look-alike one. */
function sendOf(s: number, n: number, options: Options): SendInput {
  const count = 1 + (n % 4)
  const to = Array.from({ length: count }, (_, i) => {
    const r = (n * 13 + i * 101) % options.recipients
    const known = recipientOf(s, r)
    if ((n + i) % 10 === 0) return address(`new${n}.s${s}@fresh${n % 500}.example`)
    if ((n + i) % 17 === 0) return address(known.address.replace('person', 'persom'), known.name)
    return address(known.address, known.name)
  })
  const at = new Date(START + 400 * 86_400_000 + (n % 2000) * 3_600_000)
  return {
    envelope: {
      mailFrom: senderOf(s),
      rcptTo: to.map((a) => a.address),
      clientAddress: '',
      heloName: '',
      tls: false,
    },
    headers: { from: [address(senderOf(s), `Sender ${s}`)], to, cc: [] },
    at,
    attachments: n % 5 === 0 ? { count: 1, bytes: 120_000 } : { count: 0, bytes: 0 },
    findings: [],
  }
}

async function measure(
  store: BaselineStore,
  options: Options,
  pickSender: (n: number) => number,
): Promise<Measured> {
  const build = () =>
    hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60_000_000,
      numberOfSignificantValueDigits: 3,
    })
  const histogram = build()
  const profile = build()
  const update = build()
  const ctx = { internalDomains: INTERNAL, settings: SETTINGS, baselines: store }
  const deadline = performance.now() + options.seconds * 1000
  const started = performance.now()
  let n = 0
  for (; n < options.sends && performance.now() < deadline; n++) {
    const input = sendOf(pickSender(n), n, options)
    const before = performance.now()
    const features = await describeSend(input, ctx)
    const profiled = performance.now()
    await learnSend(features, store)
    const after = performance.now()
    histogram.recordValue(micros(after - before))
    profile.recordValue(micros(profiled - before))
    update.recordValue(micros(after - profiled))
  }
  return { histogram, profile, update, sends: n, seconds: (performance.now() - started) / 1000 }
}

interface Measured {
  readonly histogram: hdr.Histogram
  readonly profile: hdr.Histogram
  readonly update: hdr.Histogram
  readonly sends: number
  readonly seconds: number
}

function micros(ms: number): number {
  return Math.max(1, Math.round(ms * 1000))
}

/** Inverse-CDF sampling of a Zipf(1) rank over `n` senders, with a seeded generator. */
function zipfPicker(n: number): (i: number) => number {
  const harmonic: number[] = []
  let sum = 0
  for (let k = 1; k <= n; k++) harmonic.push((sum += 1 / k))
  let state = 12345
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const target = (state / 2 ** 31) * sum
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((harmonic[mid] ?? 0) < target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/**
 * Memory in use after a full collection (the flag is set at run time, as scripts have no
 * flags): the heap, and array buffers, which live outside it (cached baselines keep their
 * strings and numbers in typed arrays).
 */
function memoryAfterGc(): { heap: number; buffers: number } {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  const usage = process.memoryUsage()
  return { heap: usage.heapUsed, buffers: usage.arrayBuffers }
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

function report(name: string, result: Measured): void {
  const ms = (h: hdr.Histogram, p: number) => (h.getValueAtPercentile(p) / 1000).toFixed(2)
  const line = (label: string, h: hdr.Histogram) =>
    `  ${label.padEnd(20)} p50 ${ms(h, 50)} ms  p99 ${ms(h, 99)} ms  max ${(h.maxValue / 1000).toFixed(2)} ms`
  console.log(
    `${name}: ${result.sends} sends in ${result.seconds.toFixed(1)} s ` +
      `(${(result.sends / result.seconds).toFixed(0)}/s)`,
  )
  console.log(line('profile and update', result.histogram))
  console.log(line('profile only', result.profile))
  console.log(line('update only', result.update))
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const dir = mkdtempSync(join(tmpdir(), 'mailward-bench-behavior-'))
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `Behaviour benchmark: ${options.senders} senders x ${options.recipients} recipients; ` +
      `Node ${process.version}, ${availableParallelism()} vCPU (${cpu})`,
  )
  try {
    const store = openBaselineStore(dir, { cacheSenders: SETTINGS.cacheSenders })
    const seconds = await seed(store, options)
    await store.close()
    const bytes = folderBytes(dir)
    console.log(
      `seeded in ${seconds.toFixed(0)} s; store on disk ${(bytes / 1e6).toFixed(0)} MB ` +
        `(${(bytes / options.senders / options.recipients).toFixed(0)} bytes per recipient)`,
    )

    // A fresh open, as after a restart: the cache starts empty.
    const uniformStore = openBaselineStore(dir, { cacheSenders: SETTINGS.cacheSenders })
    let state = 1
    const uniform = await measure(uniformStore, options, () => {
      state = (state * 48271) % 2147483647
      return state % options.senders
    })
    report('uniform senders (cache 2,000)', uniform)
    await uniformStore.close()

    const zipfStore = openBaselineStore(dir, { cacheSenders: SETTINGS.cacheSenders })
    const zipf = await measure(zipfStore, options, zipfPicker(options.senders))
    report('Zipf senders (cache 2,000)', zipf)
    await zipfStore.close()

    // Only senders the cache holds (1,500 of 2,000 slots), after one send each to load them:
    // the cost of a send when the baseline is in memory.
    const hitStore = openBaselineStore(dir, { cacheSenders: SETTINGS.cacheSenders })
    const cached = Math.min(1500, options.senders)
    const before = memoryAfterGc()
    await measure(hitStore, { ...options, sends: cached }, (n) => n)
    const after = memoryAfterGc()
    const heap = (after.heap - before.heap) / cached
    const buffers = (after.buffers - before.buffers) / cached
    const perSender = heap + buffers
    console.log(
      `memory per cached sender: ${(perSender / 1024).toFixed(0)} KiB ` +
        `(${(perSender / options.recipients).toFixed(0)} bytes per recipient; ` +
        `${(heap / 1024).toFixed(0)} KiB on the heap, ${(buffers / 1024).toFixed(0)} KiB in array buffers)`,
    )
    const hits = await measure(hitStore, options, (n) => (n * 7919) % cached)
    report('cached senders only', hits)
    await hitStore.close()
    console.log(`store after the runs: ${(folderBytes(dir) / 1e6).toFixed(0)} MB`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
