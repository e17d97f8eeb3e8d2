// The relay side of `npm run bench`, run as its own process so that the load generator does not
// share its event loop: `tsx scripts/bench-relay-server.ts DATA_DIR SINK_PORT [--no-inspection]`.
// Prints the listening port on stdout, then runs until stdin closes.
//
// The relay itself is the compiled build (dist/, which `npm run bench` makes first), as
// `mailward serve` runs it. From the TypeScript sources its inspection workers would load through
// tsx, which transforms pdf.js's 2 MB worker module on the first PDF each worker reads: 450 ms
// where the build takes 60, a cost of the benchmark, not of the relay.
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { readFileSync } from 'node:fs'
import type { Inspector } from '../src/inspect/index.js'

const build = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href
const { configSchema, DEFAULT_CONFIG_PATH } = (await import(
  build('config/index.js')
)) as typeof import('../src/config/index.js')
const { createLogger } = (await import(
  build('log/index.js')
)) as typeof import('../src/log/index.js')
const { startRelay } = (await import(
  build('cli/start-relay.js')
)) as typeof import('../src/cli/start-relay.js')

const [dataDir = '', sinkPort = '0'] = process.argv.slice(2)
const inspectionOff = process.argv.includes('--no-inspection')

const base = parseYaml(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>
const config = configSchema.parse({
  ...base,
  dataDir,
  listen: '127.0.0.1:0',
  nextHop: { address: `127.0.0.1:${sinkPort}` },
  notices: { enabled: false },
})

/** Returns an empty report at once: the relay path without parse, extract or detect. */
const noInspection: Inspector = {
  inspect: () =>
    Promise.resolve({
      headers: {
        messageId: undefined,
        subject: '',
        from: [],
        sender: [],
        replyTo: [],
        to: [],
        cc: [],
        date: undefined,
        tenantId: undefined,
        networkMessageId: undefined,
        msipLabels: undefined,
        autoSubmitted: undefined,
        inboxRulesLoop: undefined,
      },
      findings: [],
      parts: [],
      timings: { parseMs: 0, extractMs: 0, detectMs: 0 },
    }),
  close: () => Promise.resolve(),
}

const log = createLogger('info', createWriteStream(join(dataDir, 'relay.log')))
const relay = await startRelay(config, log, {
  sink: false,
  inspector: inspectionOff ? noInspection : undefined,
})
process.stdout.write(`${relay.port}\n`)
process.stdin.resume()
process.stdin.on('end', () => void relay.close().then(() => process.exit(0)))
