export { loadConfig, formatIssues, DEFAULT_CONFIG_PATH } from './load.js'
export type { ConfigIssue, ConfigResult, ConfigOverrides } from './load.js'
export { configSchema } from './schema.js'
export type { Config, PolicyRule, RuleAction } from './schema.js'
