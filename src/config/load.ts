// Reads the configuration file and environment overrides, validates them once, and returns a
// frozen Config. Only the CLI calls this; no other module reads process.env or config files.
import { accessSync, constants, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import { z } from 'zod'
import { configSchema, type Config } from './schema.js'

/** The commented default configuration shipped with mailward (the embedded defaults). */
export const DEFAULT_CONFIG_PATH = fileURLToPath(
  new URL('../../config/mailward.yaml', import.meta.url),
)

/** One problem with the configuration: where, and what is wrong. */
export interface ConfigIssue {
  readonly path: string
  readonly message: string
  /** Where the bad value came from when not from the file: an environment variable or a flag. */
  readonly origin?: string | undefined
  /** For unknown keys (reported at their parent's path): the path of each key, dotted. */
  readonly unknownKeys?: readonly string[] | undefined
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config; readonly source: string }
  | { readonly ok: false; readonly source: string; readonly issues: readonly ConfigIssue[] }

/** Values given on the command line; they win over the file and the environment. */
export interface ConfigOverrides {
  readonly listen?: string | undefined
  readonly nextHop?: string | undefined
  readonly dataDir?: string | undefined
}

const ENV_PREFIX = 'MAILWARD__'

/**
 * Loads and validates configuration in layers: the embedded defaults (config/mailward.yaml),
 * then the given file over them (mappings merge key by key; lists and values replace, so a
 * file that lists `policy.rules` replaces the default rules and one that leaves them out keeps
 * them), then `MAILWARD__a__b=value` environment overrides (values parsed as YAML, so
 * `MAILWARD__monitor=true` is a boolean), then command-line flags. Every problem is collected
 * before returning, each with the environment variable or flag it came from.
 *
 * @example
 * const result = loadConfig('/etc/mailward.yaml', process.env, { listen: '0.0.0.0:25' })
 * if (!result.ok) console.error(formatIssues(result))
 */
export function loadConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = {},
  overrides: ConfigOverrides = {},
): ConfigResult {
  const source = file ?? DEFAULT_CONFIG_PATH
  const defaults = readConfigFile(DEFAULT_CONFIG_PATH)
  if (!defaults.ok) return { ok: false, source: DEFAULT_CONFIG_PATH, issues: defaults.issues }
  const read = source === DEFAULT_CONFIG_PATH ? defaults : readConfigFile(source)
  if (!read.ok) return { ok: false, source, issues: read.issues }

  const issues: ConfigIssue[] = []
  const origins = new Map<string, string>()
  const raw = applyEnvOverrides(mergeLayers(defaults.value, read.value), env, issues, origins)
  const flags: [keyof ConfigOverrides, string[], string][] = [
    ['listen', ['listen'], '--listen'],
    ['dataDir', ['dataDir'], '--data'],
    ['nextHop', ['nextHop', 'address'], '--next-hop'],
  ]
  for (const [key, path, flag] of flags) {
    const value = overrides[key]
    if (value === undefined) continue
    setPath(raw, path, value)
    origins.set(path.join('.'), flag)
  }

  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) issues.push(...parsed.error.issues.map(describeZodIssue))
  if (parsed.success) issues.push(...checkFiles(parsed.data))
  const located = issues.map((issue) => withOrigin(issue, origins))
  if (located.length > 0 || !parsed.success) return { ok: false, source, issues: located }

  return { ok: true, source, config: deepFreeze(parsed.data) }
}

/** Renders issues one per line under a header naming the file, as `config check` prints them. */
export function formatIssues(result: { source: string; issues: readonly ConfigIssue[] }): string {
  const count = result.issues.length
  const header = `${result.source}: ${count} problem${count === 1 ? '' : 's'}`
  const lines = result.issues.map((issue) => {
    const from = issue.origin === undefined ? '' : ` (set by ${issue.origin})`
    return `  ${issue.path}${from}: ${issue.message}`
  })
  return [header, ...lines].join('\n')
}

/**
 * The file over the defaults: mappings merge key by key, everything else replaces, and a key
 * set to null (`justify: ~`) removes the default's value.
 */
function mergeLayers(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = structuredClone(base)
  for (const [key, value] of Object.entries(over)) {
    if (value === null) {
      delete merged[key]
      continue
    }
    const below = merged[key]
    merged[key] = isRecord(below) && isRecord(value) ? mergeLayers(below, value) : value
  }
  return merged
}

/** Names the variable or flag behind an issue: the longest origin that is a prefix of its path. */
function withOrigin(issue: ConfigIssue, origins: ReadonlyMap<string, string>): ConfigIssue {
  let best: string | undefined
  let bestLength = -1
  const paths = [issue.path, ...(issue.unknownKeys ?? [])]
  for (const [path, origin] of origins) {
    const covers = paths.some((p) => p === path || p.startsWith(`${path}.`))
    if (covers && path.length > bestLength) {
      best = origin
      bestLength = path.length
    }
  }
  return best === undefined ? issue : { ...issue, origin: best }
}

/** Files the configuration names must exist and be readable before anything starts. */
function checkFiles(config: Config): ConfigIssue[] {
  const named: [string, string | undefined][] = [
    ['tls.cert', config.tls.cert],
    ['tls.key', config.tls.key],
  ]
  return named.flatMap(([path, file]) => {
    if (file === undefined) return []
    try {
      accessSync(file, constants.R_OK)
      return []
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
      return [{ path, message: `cannot read ${file} (${reason})` }]
    }
  })
}

function readConfigFile(
  path: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: ConfigIssue[] } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { ok: false, issues: [{ path: '(file)', message: `cannot read the file (${reason})` }] }
  }

  try {
    const value: unknown = parseYaml(text) ?? {}
    if (!isRecord(value)) {
      return { ok: false, issues: [{ path: '(file)', message: 'must be a YAML mapping of keys' }] }
    }
    return { ok: true, value }
  } catch (error) {
    const where = error instanceof YAMLParseError ? ` at line ${error.linePos?.[0].line}` : ''
    return { ok: false, issues: [{ path: '(file)', message: `is not valid YAML${where}` }] }
  }
}

function applyEnvOverrides(
  base: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  issues: ConfigIssue[],
  origins: Map<string, string>,
): Record<string, unknown> {
  const result = structuredClone(base)

  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue

    const path = name.slice(ENV_PREFIX.length).split('__')
    if (path.some((key) => key === '')) {
      issues.push({ path: name, message: 'environment override has an empty key' })
      continue
    }
    setPath(result, path, parseEnvValue(value))
    origins.set(path.join('.'), name)
  }
  return result
}

function parseEnvValue(value: string): unknown {
  try {
    return parseYaml(value) as unknown
  } catch {
    // Not YAML (e.g. an unquoted string with a colon): the raw string is the intended value.
    return value
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const next = node[key]
    if (!isRecord(next)) node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1] as string] = value
}

function describeZodIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const path = issue.path.map(String).join('.') || '(top level)'

  if (issue.code === 'unrecognized_keys') {
    const hints = issue.keys.map((key) => {
      const guess = closestKey(key, knownKeysAt(issue.path))
      return guess === undefined ? `"${key}"` : `"${key}" (did you mean "${guess}"?)`
    })
    const unknownKeys = issue.keys.map((key) => [...issue.path.map(String), key].join('.'))
    return { path, message: `unknown key ${hints.join(', ')}`, unknownKeys }
  }
  return { path, message: issue.message }
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let shape: z.ZodType = configSchema
  for (const key of path) {
    const inner = unwrap(shape)
    if (inner instanceof z.ZodObject) {
      const child = (inner.shape as Record<string, z.ZodType>)[String(key)]
      if (child === undefined) return []
      shape = child
    } else if (inner instanceof z.ZodArray) {
      shape = inner.element as z.ZodType
    } else {
      return []
    }
  }
  const inner = unwrap(shape)
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : []
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType
  }
  return current
}

function closestKey(key: string, known: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        substitution,
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
