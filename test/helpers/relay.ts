// Starts a real relay in-process on 127.0.0.1 with a port chosen by the system, a temporary
// data folder and a real SMTP sink as next hop; logs are captured for inspection.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EventEmitter } from 'node:events'
import { Writable } from 'node:stream'
import { parse as parseYaml } from 'yaml'
import { configSchema, DEFAULT_CONFIG_PATH, type Config } from '../../src/config/index.js'
import { createLogger } from '../../src/log/index.js'
import { startRelay, type RunningRelay } from '../../src/cli/start-relay.js'
import { startLocalSink, type LocalSink } from '../../src/cli/local-sink.js'
import { loadNoticeTemplates, type NoticeContext } from '../../src/actions/index.js'

export interface TestRelay {
  readonly port: number
  readonly dataDir: string
  readonly relay: RunningRelay
  readonly sink: TestSink | undefined
  readonly logLines: string[]
  readonly config: Config
  /** Parsed `message.decided` summary lines. */
  decisions(): Record<string, unknown>[]
  /** Moves the relay's clock (deadlines, replies, sweep) forward; nothing waits. */
  advanceClock(ms: number): void
  /** Stops the relay; the data folder is removed unless `keepData` (for a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>
}

export interface SinkMessage {
  readonly mailFrom: string
  readonly rcptTo: string[]
  readonly raw: Buffer
}

export interface TestSink {
  readonly port: number
  readonly dir: string
  /** Messages received so far, oldest first, with their envelopes. */
  messages(): SinkMessage[]
  /**
   * Resolves with the first message (received before or after the call) that matches; waits
   * for the sink's stored event, never polls. Rejects after `timeoutMs` naming `what`.
   */
  waitFor(
    what: string,
    match: (message: SinkMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SinkMessage>
  close(): Promise<void>
}

type Overrides = Record<string, unknown>

/** The default configuration with `overrides` merged in (objects merge, other values replace). */
export function testConfig(overrides: Overrides, dataDir: string): Config {
  const base = parseYaml(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Overrides
  const merged = merge(base, {
    dataDir,
    listen: '127.0.0.1:0',
    limits: { workers: 1 },
    ...overrides,
  })
  return configSchema.parse(merged)
}

/** What a hand-built RelayContext needs for notices: the shipped templates and a fixed key. */
export function testNoticeContext(config: Config): NoticeContext {
  const loaded = loadNoticeTemplates()
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'))
  return {
    templates: loaded.templates,
    settings: config.notices,
    replyDomain: config.justify.replyDomain,
    key: Buffer.alloc(32, 7),
  }
}

/** A sink on `port` (0: any free port) storing into a fresh folder. */
export async function startTestSink(port = 0): Promise<TestSink> {
  const dir = mkdtempSync(join(tmpdir(), 'mailward-sink-'))
  const silent = createLogger('silent')
  const stored = new EventEmitter()
  const sink: LocalSink = startLocalSink('127.0.0.1', port, dir, silent, () =>
    stored.emit('stored'),
  )
  const listening = await sink.listening
  const messages = () => readSinkMessages(dir)

  return {
    port: listening,
    dir,
    messages,
    waitFor(what, match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages().find(match)
          if (found === undefined) return false
          stored.off('stored', check)
          clearTimeout(timer)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          stored.off('stored', check)
          reject(new Error(`sink: no ${what} within ${timeoutMs} ms`))
        }, timeoutMs)
        stored.on('stored', check)
        check()
      })
    },
    async close() {
      await sink.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function readSinkMessages(dir: string): SinkMessage[] {
  let lines: string[]
  try {
    lines = readFileSync(join(dir, 'deliveries.jsonl'), 'utf8').split('\n').filter(Boolean)
  } catch {
    // No deliveries file yet: the sink has received nothing.
    return []
  }
  return lines.map((line) => {
    const entry = JSON.parse(line) as { file: string; mailFrom: string; rcptTo: string[] }
    return {
      mailFrom: entry.mailFrom,
      rcptTo: entry.rcptTo,
      raw: readFileSync(join(dir, entry.file)),
    }
  })
}

/**
 * Starts a relay. With `nextHop: 'sink'` (the default) a fresh sink receives released mail;
 * pass an address string to point at another next hop (or at nothing, to test an outage).
 */
export async function startTestRelay(
  overrides: Overrides = {},
  options: { nextHop?: string; dataDir?: string; clockOffsetMs?: number } = {},
): Promise<TestRelay> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mailward-data-'))
  const sink = (options.nextHop ?? 'sink') === 'sink' ? await startTestSink() : undefined
  const nextHopAddress = sink === undefined ? (options.nextHop as string) : `127.0.0.1:${sink.port}`

  const config = testConfig(
    { nextHop: { address: nextHopAddress, timeoutMs: 5000 }, ...overrides },
    dataDir,
  )
  const logLines: string[] = []
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  let offset = options.clockOffsetMs ?? 0
  const clock = (): Date => new Date(Date.now() + offset)
  const relay = await startRelay(config, createLogger('debug', capture), { sink: false, clock })

  return {
    port: relay.port,
    dataDir,
    relay,
    sink,
    logLines,
    config,
    decisions: () =>
      logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((record) => record.event === 'message.decided'),
    advanceClock(ms) {
      offset += ms
    },
    async stop(stopOptions = {}) {
      await relay.close()
      await sink?.close()
      if (stopOptions.keepData !== true) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Files in a folder, for "nothing was written" checks. */
export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    // The folder does not exist: it holds nothing.
    return []
  }
}

function merge(base: Overrides, extra: Overrides): Overrides {
  const result: Overrides = { ...base }
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key]
    result[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value
  }
  return result
}

function isPlainObject(value: unknown): value is Overrides {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
