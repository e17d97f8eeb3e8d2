// `mailward replay PATH...`: runs a sent-mail history through the relay's decision path in time
// order, learning what the relay would deliver, and prints one line per message. Nothing is sent.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import type { Config } from '../config/index.js'
import { defaultExtractLimits } from '../extract/index.js'
import { createInProcessInspector } from '../inspect/index.js'
import { openBaselineStore } from '../store/baseline-sqlite.js'
import { HistoryError, readHistory, type History } from './history/read-history.js'
import {
  LEARN_DELIVERED,
  LEARN_JUSTIFIED,
  replayHistory,
  type ReplayContext,
  type ReplayStep,
} from './replay-history.js'
import { CliError, EXIT, loadConfigOrFail, loadModelOrFail } from './shared.js'

export interface HistoryFlags {
  config?: string
  data?: string
  internal?: string
}

interface ReplayFlags extends HistoryFlags {
  jsonl?: boolean
  justified?: boolean
  features?: boolean
}

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      'replay sent mail in time order through inspect, profile and decide, learning what would ' +
        'be delivered; prints one line per message, sends nothing',
    )
    .argument('<path...>', 'mbox files, maildirs, folders of .eml files or JSONL files of sends')
    .option('--config <file>', 'configuration file (policy, internal domains, behaviour)')
    .option('--data <dir>', 'keep baselines in this folder (default: a fresh temporary one)')
    .option('--internal <domains>', 'internal domains, comma-separated (overrides the config)')
    .option('--jsonl', 'one JSON object per line: message_id, action, risk, reasons')
    .option(
      '--justified',
      'also learn sends policy asks to justify, as if their senders justified them',
    )
    .option('--features', 'with --jsonl, add sender, time, signals and measures to each line')
    .action(async (paths: string[], flags: ReplayFlags) => {
      const config = historyConfig(flags)
      const history = readHistoryOrFail(paths, 'replay')
      reportNotes(history)

      const dataDir = flags.data ?? mkdtempSync(join(tmpdir(), 'mailward-replay-'))
      const ctx = await openReplayContext(config, dataDir)
      let skipped = 0
      try {
        const learns = flags.justified === true ? LEARN_JUSTIFIED : LEARN_DELIVERED
        for await (const step of replayHistory(history.entries, ctx, learns)) {
          skipped += step.message?.skippedRecipients ?? 0
          const line =
            flags.jsonl === true
              ? JSON.stringify(replayLine(step, config, flags.features === true))
              : describeStep(step, config)
          process.stdout.write(`${line}\n`)
        }
      } finally {
        await closeReplayContext(ctx)
        if (flags.data === undefined) rmSync(dataDir, { recursive: true, force: true })
      }
      reportSkipped(skipped)
      process.exitCode = EXIT.ok
    })
}

/** The configuration, with `--internal` replacing the internal domains when given. */
export function historyConfig(flags: HistoryFlags): Config {
  const config = loadConfigOrFail({ config: flags.config })
  if (flags.internal === undefined) return config

  const internalDomains = flags.internal
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter((domain) => domain !== '')
  if (internalDomains.length === 0) {
    throw new CliError('--internal needs at least one domain, e.g. --internal example.com', 2)
  }
  return { ...config, internalDomains }
}

export function readHistoryOrFail(paths: readonly string[], command: string): History {
  try {
    return readHistory(paths)
  } catch (error) {
    if (error instanceof HistoryError)
      throw new CliError(`${command}: ${error.message}`, EXIT.usage)
    throw error
  }
}

export function reportNotes(history: History): void {
  for (const note of history.notes)
    process.stderr.write(`mailward: ${note.origin}: ${note.problem}\n`)
}

/** Recipients of a history that are a bare name or an X.500 id cannot be an SMTP recipient. */
export function reportSkipped(skipped: number): void {
  if (skipped === 0) return
  process.stderr.write(
    `mailward: ${skipped} recipient${skipped === 1 ? '' : 's'} without a mailbox address ` +
      '(a bare name or an X.500 id) left out\n',
  )
}

/** What a replay needs, with the risk model, so that it decides exactly as the relay does. */
export async function openReplayContext(config: Config, dataDir: string): Promise<ReplayContext> {
  const model = await loadModelOrFail(config)
  const inspector = createInProcessInspector({
    maxMessageDepth: config.limits.maxMessageDepth,
    extract: defaultExtractLimits,
    detect: config.detect,
  })
  const baselines = openBaselineStore(dataDir, { cacheSenders: config.behavior.cacheSenders })
  return { config, inspector, baselines, model }
}

export async function closeReplayContext(ctx: ReplayContext): Promise<void> {
  await ctx.inspector.close()
  await ctx.baselines.close()
  await ctx.model?.close()
}

/** What a failed inspection comes to at the relay: a retry (tempfail) or a hold. */
function failedAction(config: Config): 'tempfail' | 'hold' {
  return config.failMode === 'hold' ? 'hold' : 'tempfail'
}

/**
 * The JSON line for one message: the action, the model's risk and the factors that raised it
 * (each with its contribution to the log-odds), and every reason. With `features`, the profile
 * stage's measures are added.
 */
export function replayLine(step: ReplayStep, config: Config, features: boolean) {
  if (step.kind === 'failed') {
    return {
      message_id: step.entry.messageId,
      action: failedAction(config),
      risk: null,
      reasons: [
        {
          code: 'inspection-failed',
          text: `the message could not be inspected (${step.error})`,
          action: failedAction(config),
        },
      ],
    }
  }

  const { decision } = step.verdict
  const line = {
    message_id: step.entry.messageId,
    action: decision.action,
    risk: decision.risk,
    reasons: decision.reasons.map((reason) => ({
      code: reason.code,
      text: reason.text,
      action: reason.action,
      categories: reason.categories,
      count: reason.count,
      ...(reason.signals === undefined ? {} : { signals: reason.signals }),
      ...(reason.factors === undefined ? {} : { factors: reason.factors }),
    })),
    risk_factors: decision.riskFactors,
  }
  if (!features) return line

  const described = step.verdict.features
  return {
    ...line,
    sender: described.sender,
    at: step.entry.at.toISOString(),
    learned: step.learned,
    signals: described.signals.map((signal) => signal.code),
    measures: described.measures,
  }
}

/** "2001-04-10 17:43  justify   <id>  lookalike-recipient: you have never written to …". */
function describeStep(step: ReplayStep, config: Config): string {
  const when = step.entry.at.toISOString().slice(0, 16).replace('T', ' ')
  if (step.kind === 'failed') {
    return `${when}  ${failedAction(config).padEnd(8)}  ${step.entry.messageId}  inspection failed (${step.error})`
  }

  const { decision } = step.verdict
  const reasons = decision.reasons.map((reason) => `${reason.code}: ${reason.text}`).join('; ')
  const head = `${when}  ${decision.action.padEnd(8)}  ${step.entry.messageId}`
  return reasons === '' ? head : `${head}  ${reasons}`
}
