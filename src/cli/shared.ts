// What every command shares: loading configuration and reporting failures with exit codes.
import { isAbsolute, resolve } from 'node:path'
import { formatIssues, loadConfig, type Config, type ConfigOverrides } from '../config/index.js'
import {
  DEFAULT_TEMPLATES_DIR,
  loadNoticeTemplates,
  type NoticeContext,
  type NoticeTemplates,
} from '../actions/index.js'
import { checkCidrs } from '../smtp/source-allow.js'
import { DEFAULT_MODEL_DIR, loadRiskModel, ModelError, type RiskModel } from '../classify/index.js'
import { openExistingSqliteStore } from '../store/index.js'
import type { Store } from '../store/types.js'

/** Exit codes: 0 done, 1 the operation failed for some items, 2 bad usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** An error the CLI reports as one line and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

export interface ConfigFlags {
  readonly config?: string | undefined
  readonly data?: string | undefined
  readonly listen?: string | undefined
  readonly nextHop?: string | undefined
}

/** Loads and validates configuration, or throws a CliError listing every problem. */
export function loadConfigOrFail(flags: ConfigFlags): Config {
  const overrides: ConfigOverrides = {
    dataDir: flags.data,
    listen: flags.listen,
    nextHop: flags.nextHop,
  }
  const result = loadConfig(flags.config, process.env, overrides)
  if (!result.ok) throw new CliError(formatIssues(result), EXIT.usage)

  // Exchange Online delivers mail to its accepted (internal) domains itself; a reply to such
  // a domain would never reach the connector and so never reach mailward.
  const replyDomain = result.config.justify.replyDomain.toLowerCase()
  const internal = result.config.internalDomains.find((domain) => {
    const lower = domain.toLowerCase()
    return replyDomain === lower || replyDomain.endsWith(`.${lower}`)
  })
  if (internal !== undefined) {
    const message = `must not be an internal domain (it is under "${internal}"), or replies never leave the tenant`
    const issues = [{ path: 'justify.replyDomain', message }]
    throw new CliError(formatIssues({ source: result.source, issues }), EXIT.usage)
  }

  const cidrProblems = checkCidrs(result.config.sources)
  if (cidrProblems.length > 0) {
    const issues = cidrProblems.map((problem) => {
      const [path = '', ...rest] = problem.split(': ')
      return { path, message: rest.join(': ') }
    })
    throw new CliError(formatIssues({ source: result.source, issues }), EXIT.usage)
  }
  return result.config
}

/** Resolves the data folder against the working directory. */
export function dataDirOf(config: Config): string {
  return isAbsolute(config.dataDir) ? config.dataDir : resolve(process.cwd(), config.dataDir)
}

/**
 * Opens the store `serve` keeps in the configured data folder, or throws a usage error naming
 * the folder. Only `serve` creates a data folder: an operator command pointed at the wrong
 * path must say so, not report an empty quarantine or an intact, empty audit log.
 */
export function openStoreOrFail(config: Config): Store {
  const dir = dataDirOf(config)
  const opened = openExistingSqliteStore(dir)
  if (opened.ok) return opened.store

  switch (opened.problem) {
    case 'no-folder':
    case 'no-store':
      throw new CliError(
        `no mailward data in ${dir} (run mailward serve --data ${dir} first, or check the path)`,
        EXIT.usage,
      )
    case 'not-a-folder':
      throw new CliError(
        `${dir} is not a folder; --data names the data folder of mailward serve`,
        EXIT.usage,
      )
  }
}

// A host name, an IPv4 address or a bracketed IPv6 address, then a port.
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/

/**
 * Checks a `--next-hop` flag before a command does anything with it, or throws a usage error.
 * Undefined (no flag) passes through.
 */
export function checkNextHopFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const port = Number(HOST_PORT.exec(value)?.[2] ?? Number.NaN)
  if (!(port >= 1 && port <= 65535)) {
    throw new CliError(
      `--next-hop must be HOST:PORT, e.g. 127.0.0.1:2526 (got "${value}")`,
      EXIT.usage,
    )
  }
  return value
}

/**
 * Where the CLI delivers: `--next-hop` when given, else the next hop the relay on this data
 * folder recorded at its start (so that a release goes where `serve` itself would send it),
 * else the configured one (no relay has run on this folder yet).
 */
export async function nextHopFor(
  flag: string | undefined,
  config: Config,
  store: Store,
): Promise<string> {
  if (flag !== undefined) return flag
  const recorded = await store.recordedNextHop()
  return recorded?.address ?? config.nextHop.address
}

/** "host:port" to its parts, for listening. */
export function parseListen(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':')
  return {
    host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'),
    port: Number(address.slice(at + 1)),
  }
}

/** The notice templates folder the configuration names, resolved like dataDir. */
export function templatesDirOf(config: Config): string {
  const dir = config.notices.templates
  if (dir === undefined) return DEFAULT_TEMPLATES_DIR
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir)
}

/**
 * Loads and checks the risk model, or throws a CliError saying what is wrong and how to fix it.
 * Every command that decides (serve, scan, replay) decides with the model, as the relay does.
 */
export async function loadModelOrFail(config: Config): Promise<RiskModel> {
  const configured = config.model.dir
  const dir =
    configured === undefined
      ? DEFAULT_MODEL_DIR
      : isAbsolute(configured)
        ? configured
        : resolve(process.cwd(), configured)
  try {
    return await loadRiskModel(dir)
  } catch (error) {
    if (error instanceof ModelError) throw new CliError(error.message, EXIT.usage)
    throw error
  }
}

/** Loads and checks the notice templates, or throws a CliError naming every problem. */
export function loadTemplatesOrFail(config: Config): NoticeTemplates {
  const dir = templatesDirOf(config)
  const loaded = loadNoticeTemplates(dir)
  if (loaded.ok) return loaded.templates

  const count = loaded.problems.length
  const header = `notice templates in ${dir}: ${count} problem${count === 1 ? '' : 's'}`
  throw new CliError([header, ...loaded.problems.map((p) => `  ${p}`)].join('\n'), EXIT.usage)
}

/** What the CLI needs to write notices. It never holds the justify key: only `serve` does. */
export function cliNoticeContext(config: Config): NoticeContext {
  return {
    templates: loadTemplatesOrFail(config),
    settings: config.notices,
    replyDomain: config.justify.replyDomain,
    key: undefined,
  }
}
