// `npm run bench`: drives the relay over SMTP on reused connections (as Exchange Online does)
// with corpus messages, at a fixed offered rate and at saturation, with inspection on and off,
// and prints decision latency (last byte received to verdict) and throughput side by side.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { cpus, totalmem, tmpdir } from 'node:os'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:net'
import nodemailer from 'nodemailer'
import * as hdr from 'hdr-histogram-js'
import { sharedPath } from '../test/helpers/shared.js'
import { startTestSink } from '../test/helpers/relay.js'
import { FEATURE_NAMES, loadRiskModel } from '../src/classify/index.js'

const CONNECTIONS = 4
const INFERENCE_RUNS = 20_000
const FIXED_RATE = 20
const FIXED_SECONDS = 15
const SATURATION_MESSAGES = 600
const WARM_UP = 40
const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }

interface Scenario {
  readonly name: string
  readonly messages: readonly Buffer[]
  readonly mode: 'fixed' | 'saturation'
  readonly inspection: boolean
  /** Messages sent before measuring; WARM_UP unless given. */
  readonly warmUp?: number
}

interface Result {
  readonly scenario: Scenario
  readonly sent: number
  readonly seconds: number
  readonly clientMs: hdr.Histogram
  readonly decideMs: hdr.Histogram
  /** Scoring by the risk model inside each decision. */
  readonly classifyMs: hdr.Histogram
  readonly failures: number
  /** Where the slowest 1% of decisions spent their time, mean ms per stage. */
  readonly tail: Readonly<Record<string, number>>
}

type DecisionTimings = Readonly<Record<'decideMs', number>> &
  Readonly<Partial<Record<(typeof STAGES)[number], number>>>

/** The stages a decision's time is split into in the relay's summary line. */
const STAGES = ['parseMs', 'extractMs', 'detectMs', 'profileMs', 'classifyMs'] as const

/**
 * Mean time per stage of the slowest 1% of decisions; what the stages do not account for is
 * waiting (for a worker thread, for the event loop) and the relay's own steps.
 */
function tailOf(decisions: readonly DecisionTimings[]): Record<string, number> {
  const slowest = [...decisions]
    .sort((a, b) => b.decideMs - a.decideMs)
    .slice(0, Math.max(1, Math.ceil(decisions.length / 100)))
  const mean = (pick: (t: DecisionTimings) => number): number =>
    slowest.reduce((sum, t) => sum + pick(t), 0) / slowest.length
  const decideMs = mean((t) => t.decideMs)
  const tail: Record<string, number> = { decideMs }
  for (const stage of STAGES) tail[stage] = mean((t) => t[stage] ?? 0)
  tail.waitingMs = decideMs - STAGES.reduce((sum, stage) => sum + (tail[stage] ?? 0), 0)
  return tail
}

/** Ordinary mail: a fixed sample of the benign corpus (every 8th file, mbox lines stripped). */
function benignMix(): Buffer[] {
  const dir = sharedPath('corpus', 'benign')
  return readdirSync(dir)
    .sort()
    .filter((_, index) => index % 8 === 0)
    .map((name) => stripFromLine(readFileSync(join(dir, name))))
}

/** Messages carrying real attachments (PDF, DOCX, XLSX, ZIP) from the shared corpus. */
function attachmentMix(): Buffer[] {
  const dir = sharedPath('corpus', 'attachments')
  const types: Record<string, string> = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    zip: 'application/zip',
  }
  return readdirSync(dir)
    .sort()
    .filter((name) => types[name.split('.').pop() ?? ''] !== undefined)
    .map((name) => {
      const ext = name.split('.').pop() ?? ''
      const content = readFileSync(join(dir, name)).toString('base64').replace(/.{76}/g, '$&\r\n')
      return Buffer.from(
        [
          'From: Alice <alice@example.com>',
          'To: <desk@partner.example.net>',
          'Subject: the file you asked for',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="bench"',
          '',
          '--bench',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Here it is.',
          '--bench',
          `Content-Type: ${types[ext]}; name="${name}"`,
          `Content-Disposition: attachment; filename="${name}"`,
          'Content-Transfer-Encoding: base64',
          '',
          content,
          '--bench--',
          '',
        ].join('\r\n'),
      )
    })
}

function stripFromLine(raw: Buffer): Buffer {
  return raw.subarray(0, 5).toString('latin1') === 'From '
    ? raw.subarray(raw.indexOf('\n') + 1)
    : raw
}

async function startServer(
  dataDir: string,
  sinkPort: number,
  inspection: boolean,
): Promise<{ port: number; child: ChildProcess }> {
  const args = ['--import', 'tsx', 'scripts/bench-relay-server.ts', dataDir, String(sinkPort)]
  if (!inspection) args.push('--no-inspection')
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const port = await new Promise<number>((resolve) =>
    lines.once('line', (line) => resolve(Number(line))),
  )
  return { port, child }
}

async function runScenario(scenario: Scenario, sinkPort: number): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailward-bench-'))
  const server = await startServer(dataDir, sinkPort, scenario.inspection)
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: server.port,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
    tls: { rejectUnauthorized: false },
  })
  const clientMs = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000,
    numberOfSignificantValueDigits: 3,
  })
  let failures = 0
  let next = 0
  const send = async (): Promise<void> => {
    const raw = scenario.messages[next++ % scenario.messages.length] as Buffer
    const started = performance.now()
    try {
      await transport.sendMail({ envelope: ENVELOPE, raw })
      clientMs.recordValue(Math.max(1, Math.round(performance.now() - started)))
    } catch {
      // A refused or failed send is counted; the benchmark reports it beside the figures.
      failures++
    }
  }

  // Warm-up: connections open, workers loaded and JIT-compiled; not measured.
  const warmUp = scenario.warmUp ?? WARM_UP
  await Promise.all(Array.from({ length: warmUp }, send))
  clientMs.reset()
  failures = 0
  const warmUpCount = next

  const started = performance.now()
  if (scenario.mode === 'saturation') {
    const worker = async (): Promise<void> => {
      while (next - warmUpCount < SATURATION_MESSAGES) await send()
    }
    await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  } else {
    const pending: Promise<void>[] = []
    const total = FIXED_RATE * FIXED_SECONDS
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / FIXED_RATE
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      pending.push(send())
    }
    await Promise.all(pending)
  }
  const seconds = (performance.now() - started) / 1000
  const sent = next - warmUpCount

  transport.close()
  server.child.stdin?.end()
  await new Promise((resolve) => server.child.once('exit', resolve))

  const decideMs = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  })
  const decisions = readFileSync(join(dataDir, 'relay.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"message.decided"'))
    .map((line) => JSON.parse(line) as { timings: DecisionTimings })
  const classifyMs = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  })
  // Microseconds in the histogram, so sub-millisecond decisions keep their precision.
  for (const decision of decisions.slice(warmUp)) {
    decideMs.recordValue(Math.max(1, Math.round(decision.timings.decideMs * 1000)))
    classifyMs.recordValue(Math.max(1, Math.round((decision.timings.classifyMs ?? 0) * 1000)))
  }
  rmSync(dataDir, { recursive: true, force: true })

  const tail = tailOf(decisions.slice(warmUp).map((decision) => decision.timings))
  return { scenario, sent, seconds, clientMs, decideMs, classifyMs, failures, tail }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address !== null ? address.port : 0
}

/** Postfix's smtp-sink as the next hop when installed (its own process, no parsing), else ours. */
async function startNextHop(): Promise<{ port: number; close: () => Promise<void> }> {
  const port = await freePort()
  const child = spawn('smtp-sink', ['-u', 'nobody', `127.0.0.1:${port}`, '256'], {
    stdio: 'ignore',
  })
  const started = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false))
    setTimeout(() => resolve(child.exitCode === null), 300)
  })
  if (started) return { port, close: () => Promise.resolve(void child.kill()) }

  const sink = await startTestSink()
  return { port: sink.port, close: () => sink.close() }
}

function row(result: Result): string {
  const ms = (histogram: hdr.Histogram, p: number, scale = 1): string =>
    (histogram.getValueAtPercentile(p) / scale).toFixed(2)
  const rate = (result.sent / result.seconds).toFixed(1)
  return [
    result.scenario.name.padEnd(34),
    (result.scenario.inspection ? 'on' : 'off').padEnd(4),
    ms(result.decideMs, 50, 1000).padStart(8),
    ms(result.decideMs, 95, 1000).padStart(8),
    ms(result.decideMs, 99, 1000).padStart(8),
    ms(result.classifyMs, 99, 1000).padStart(8),
    ms(result.clientMs, 50).padStart(8),
    ms(result.clientMs, 99).padStart(8),
    rate.padStart(8),
    String(result.failures).padStart(5),
  ].join(' ')
}

const benign = benignMix()
const attachments = attachmentMix()
const scenarios: Scenario[] = [
  { name: `benign, ${FIXED_RATE} msg/s`, messages: benign, mode: 'fixed', inspection: true },
  { name: `benign, ${FIXED_RATE} msg/s`, messages: benign, mode: 'fixed', inspection: false },
  { name: 'benign, saturation', messages: benign, mode: 'saturation', inspection: true },
  { name: 'benign, saturation', messages: benign, mode: 'saturation', inspection: false },
  // From a freshly started relay: only one message per connection goes first, to open them.
  {
    name: `attachments, ${FIXED_RATE} msg/s`,
    messages: attachments,
    mode: 'fixed',
    inspection: true,
    warmUp: CONNECTIONS,
  },
  // The same after every file has gone through the relay twice, as in a relay that has been
  // running: V8 compiles and optimises the PDF engine's WebAssembly as documents use it, so a
  // freshly started relay is slower on the first long PDFs of each kind it reads.
  {
    name: `attachments, ${FIXED_RATE} msg/s, warm`,
    messages: attachments,
    mode: 'fixed',
    inspection: true,
    warmUp: attachments.length * 2,
  },
  { name: 'attachments, saturation', messages: attachments, mode: 'saturation', inspection: true },
  { name: 'attachments, saturation', messages: attachments, mode: 'saturation', inspection: false },
]

// `--only TEXT` runs the scenarios whose name contains TEXT, for comparing one mix between
// revisions side by side (`npm run bench -- --only attachments`).
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1]
if (onlyAt !== -1 && (only === undefined || !scenarios.some((s) => s.name.includes(only)))) {
  process.stderr.write(`--only: no scenario name contains ${JSON.stringify(only ?? '')}\n`)
  process.exit(2)
}
const chosen = scenarios.filter((s) => only === undefined || s.name.includes(only))

const cpu = cpus()[0]?.model ?? 'unknown CPU'
process.stdout.write(
  `mailward relay benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${CONNECTIONS} reused connections\n` +
    `mixes: benign = ${benign.length} corpus messages, attachments = ${attachments.length} PDF/DOCX/XLSX/ZIP files\n\n` +
    `${'scenario'.padEnd(34)} insp  dec p50  dec p95  dec p99  cls p99  rtt p50  rtt p99    msg/s  fail\n`,
)
const nextHop = await startNextHop()
const results: Result[] = []
for (const scenario of chosen) {
  const result = await runScenario(scenario, nextHop.port)
  results.push(result)
  process.stdout.write(`${row(result)}\n`)
}
await nextHop.close()

// Inference alone: the model's one session, on varied vectors, as the relay calls it per send.
const model = await loadRiskModel()
const inference = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 10_000_000,
  numberOfSignificantValueDigits: 3,
})
const vectors = Array.from({ length: 256 }, (_, n) =>
  Float32Array.from(FEATURE_NAMES, (_, i) => ((n * 31 + i * 7) % 11 === 0 ? 1 : ((n + i) % 5) / 4)),
)
for (let i = 0; i < INFERENCE_RUNS + 1000; i++) {
  const started = performance.now()
  await model.estimate(vectors[i % vectors.length] as Float32Array)
  // The first thousand warm the session up and are not counted.
  if (i >= 1000)
    inference.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)))
}
await model.close()

const ratio = (name: string): string => {
  const [on, off] = [true, false].map((inspection) =>
    results.find((r) => r.scenario.name === name && r.scenario.inspection === inspection),
  )
  if (on === undefined || off === undefined) return 'n/a'
  return (off.sent / off.seconds / (on.sent / on.seconds)).toFixed(2)
}
process.stdout.write(
  `\ndec = decision latency in ms, last byte received to verdict (relay's own timing); cls = risk model scoring within it; rtt = client round trip ` +
    `in ms, end of DATA to reply (includes forwarding to the next hop)\n` +
    `throughput without/with inspection at saturation: benign ${ratio('benign, saturation')}×, attachments ${ratio('attachments, saturation')}×\n` +
    `risk model inference (${INFERENCE_RUNS} runs, one session): p50 ${(inference.getValueAtPercentile(50) / 1000).toFixed(3)} ms, ` +
    `p99 ${(inference.getValueAtPercentile(99) / 1000).toFixed(3)} ms, max ${(inference.maxValue / 1000).toFixed(3)} ms\n`,
)

process.stdout.write('\nslowest 1% of decisions with inspection on, mean ms per stage:\n')
for (const result of results.filter((r) => r.scenario.inspection)) {
  const parts = Object.entries(result.tail).map(
    ([stage, ms]) => `${stage.replace(/Ms$/, '')} ${ms.toFixed(1)}`,
  )
  process.stdout.write(`  ${result.scenario.name.padEnd(32)} ${parts.join(', ')}\n`)
}
