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
