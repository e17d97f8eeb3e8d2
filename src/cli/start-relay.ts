// Starts a relay from a validated Config: store, certificate, worker pool, next hop, outbox
// runner and SMTP listener, and stops them in the reverse order.
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { configWarnings, type Config } from '../config/index.js'
import { openSqliteStore } from '../store/index.js'
import type { Store } from '../store/types.js'
import { compileOptimisedPdfium } from '../extract/pdfium-text.js'
import { createWorkerInspector, type Inspector } from '../inspect/index.js'
import {
  createNextHop,
  loadOrCreateJustifyKey,
  OutboxRunner,
  outboxPolicyFrom,
  splitHostPort,
  Sweeper,
} from '../actions/index.js'
import { baselinesFor } from '../behavior/index.js'
import { createReceiveServer } from '../smtp/server.js'
import { loadTlsMaterial } from '../smtp/tls-material.js'
import { handleTransaction, type RelayContext } from '../relay.js'
import { defaultExtractLimits } from '../extract/index.js'
import { describeError } from '../log/index.js'
import { startLocalSink, type LocalSink } from './local-sink.js'
import {
  CliError,
  dataDirOf,
  EXIT,
  loadModelOrFail,
  loadTemplatesOrFail,
  parseListen,
} from './shared.js'

export { dataDirOf } from './shared.js'

export interface RunningRelay {
  readonly port: number
  readonly sinkPort: number | undefined
  readonly store: Store
  /** Runs the sweep now (tests, after moving the clock). */
  readonly sweeper: Sweeper
  readonly outbox: OutboxRunner
  close(): Promise<void>
}

export interface StartOptions {
  /** Also run the local sink on the next-hop address (loopback only). */
  readonly sink: boolean
  /** Replaces the worker-pool inspector; benchmarks use it to measure the relay without inspection. */
  readonly inspector?: Inspector | undefined
  /** The clock for justify deadlines, replies and the sweep (tests move it; default: now). */
  readonly clock?: (() => Date) | undefined
}

export async function startRelay(
  config: Config,
  log: Logger,
  options: StartOptions,
): Promise<RunningRelay> {
  const dataDir = dataDirOf(config)
  if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === false) {
    throw new CliError(
      `${dataDir} is not a folder; --data names the relay's data folder`,
      EXIT.usage,
    )
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  // All are checked before anything listens: a broken template, an exposed key or a missing
  // or mismatched model stops start.
  const templates = loadTemplatesOrFail(config)
  const justifyKey = loadOrCreateJustifyKey(dataDir)
  const model = await loadModelOrFail(config)
  log.info({ event: 'model.loaded', model: model.name })
  const clock = options.clock ?? (() => new Date())

  // Before anything that listens or holds a handle: a missing certificate file stops start
  // here, with nothing left open to keep the process alive.
  const tls = config.tls.enabled
    ? await loadTlsMaterial({
        certFile: config.tls.cert,
        keyFile: config.tls.key,
        dataDir,
        hostname: config.hostname,
      })
    : undefined
  if (tls?.generated === true) log.info({ event: 'tls.generated', dir: dataDir })

  let sink: LocalSink | undefined
  let nextHopAddress = config.nextHop.address
  if (options.sink) {
    const [host, port] = splitHostPort(config.nextHop.address)
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      throw new Error(`--sink runs only on a loopback next hop, not ${config.nextHop.address}`)
    }
    sink = startLocalSink(host, port, join(dataDir, 'sink'), log.child({ component: 'sink' }))
    const sinkPort = await sink.listening
    nextHopAddress = `${host}:${sinkPort}`
  }

  const store = openSqliteStore(dataDir)

  const inspector =
    options.inspector ??
    createWorkerInspector(
      {
        maxMessageDepth: config.limits.maxMessageDepth,
        extract: defaultExtractLimits,
        detect: config.detect,
      },
      {
        workers: config.limits.workers,
        heapMiB: config.limits.workerHeapMiB,
        // Without it each worker compiles its own engine, optimised as it goes (pdfium-text.ts).
        pdfium: await compileOptimisedPdfium().catch(() => undefined),
      },
    )
  const nextHop = createNextHop({ ...config.nextHop, address: nextHopAddress })
  const notices = {
    templates,
    settings: config.notices,
    replyDomain: config.justify.replyDomain,
    key: justifyKey,
  }
  const outbox = new OutboxRunner(
    store,
    nextHop,
    log.child({ component: 'outbox' }),
    config.outbox.pollSeconds * 1000,
    outboxPolicyFrom(config.outbox),
    notices,
  )
  const baselines = baselinesFor(dataDir, config.behavior)
  const ctx: RelayContext = {
    config,
    store,
    inspector,
    nextHop,
    outbox,
    log,
    baselines,
    notices,
    justifyKey,
    clock,
    model,
  }
  const sweeper = new Sweeper(
    {
      store,
      notices,
      retentionDays: config.quarantine.retentionDays,
      now: clock,
      log: log.child({ component: 'sweep' }),
      baselines,
    },
    config.quarantine.sweepIntervalSeconds * 1000,
    // Expiry notices are in the outbox now; send them without waiting for the next poll.
    (report) => (report.expired.length > 0 ? outbox.kick() : undefined),
  )

  const server = createReceiveServer({
    hostname: config.hostname,
    sources: config.sources,
    tenants: config.tenants,
    maxMessageBytes: config.limits.maxMessageBytes,
    maxRecipients: config.limits.maxRecipients,
    maxConnections: config.limits.maxConnections,
    maxReceivingBytes: config.limits.maxReceivingMiB * 1024 * 1024,
    maxConnectionsPerSource: config.limits.maxConnectionsPerSource,
    tls,
    handle: (message) => handleTransaction(message, ctx),
    log,
  })

  // The port opens once a worker has warmed up, so the first mail does not wait for it. If even
  // an empty message cannot be inspected, the relay still starts: each message then follows the
  // fail mode, and the log says why.
  await inspector.ready?.().catch((error: unknown) => {
    log.warn({ event: 'inspect.not_ready', error: describeError(error) })
  })
  const { host, port } = parseListen(config.listen)
  const boundPort = await new Promise<number>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.server.address()
      resolveListen(typeof address === 'object' && address !== null ? address.port : port)
    })
  }).catch(async (error: unknown) => {
    // A port in use: what was started for the relay (workers, the sink, the store) stops too,
    // or it would keep the process alive with nothing listening on the relay's port. Each is
    // closed whatever the others do, and the listen error is the one reported.
    nextHop.close()
    await Promise.allSettled([
      options.inspector === undefined ? inspector.close() : Promise.resolve(),
      model.close(),
      store.close(),
      sink?.close(),
    ])
    throw error
  })
  for (const warning of configWarnings(config)) {
    log.warn({ event: 'config.warning', code: warning.code, detail: warning.text })
  }
  await recordNextHop(store, nextHopAddress, log)
  outbox.start()
  sweeper.start()
  log.info({ event: 'relay.listening', listen: `${host}:${boundPort}`, nextHop: nextHopAddress })

  return {
    port: boundPort,
    sinkPort: sink === undefined ? undefined : splitHostPort(nextHopAddress)[1],
    store,
    sweeper,
    outbox,
    async close() {
      await new Promise<void>((done) => server.close(() => done()))
      await sweeper.stop()
      await outbox.stop()
      nextHop.close()
      await inspector.close()
      await model.close()
      await store.close()
      await sink?.close()
    },
  }
}

/**
 * Records where this relay delivers, once it listens (a relay that failed to start must not
 * overwrite the record of the one running), so that the CLI on the same data folder delivers
 * there too: a demo's --next-hop or --sink instead of the configured address.
 */
async function recordNextHop(store: Store, address: string, log: Logger): Promise<void> {
  try {
    await store.recordNextHop(address, new Date())
  } catch (error) {
    // The relay works without it; the CLI then uses its configured next hop or --next-hop.
    log.warn({ event: 'relay.next-hop-unrecorded', error: describeError(error) })
  }
}
