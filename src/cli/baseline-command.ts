// `mailward baseline learn PATH...` bootstraps sender baselines from sent mail (every send is
// learned: it was sent); `mailward baseline show SENDER` prints what is known about a sender.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { describeBaseline, type BaselineSummary } from '../behavior/index.js'
import { describeBytes } from '../behavior/habit-words.js'
import { openBaselineStore } from '../store/baseline-sqlite.js'
import { LEARN_EVERYTHING, replayHistory } from './replay-history.js'
import {
  closeReplayContext,
  historyConfig,
  openReplayContext,
  readHistoryOrFail,
  reportNotes,
  reportSkipped,
  type HistoryFlags,
} from './replay-command.js'
import { CliError, EXIT } from './shared.js'
import { dataDirOf } from './start-relay.js'

interface LearnFlags extends HistoryFlags {
  json?: boolean
}

interface ShowFlags {
  config?: string
  data?: string
  json?: boolean
  limit?: string
}

export function registerBaselineCommand(program: Command): void {
  const baseline = program
    .command('baseline')
    .description('learn sender baselines from sent mail, or show what is known about a sender')

  baseline
    .command('learn')
    .description('learn every send of a sent-mail history into the baselines, in time order')
    .argument('<path...>', 'mbox files, maildirs, folders of .eml files or JSONL files of sends')
    .option('--config <file>', 'configuration file (internal domains, behaviour)')
    .option('--data <dir>', 'data folder holding baselines.db (default: the configured one)')
    .option('--internal <domains>', 'internal domains, comma-separated (overrides the config)')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], flags: LearnFlags) => {
      const config = historyConfig(flags)
      const history = readHistoryOrFail(paths, 'baseline learn')
      reportNotes(history)

      const dataDir = flags.data ?? dataDirOf(config)
      const ctx = await openReplayContext(config, dataDir)
      const senders = new Set<string>()
      let learned = 0
      let failed = 0
      let skipped = 0
      try {
        for await (const step of replayHistory(history.entries, ctx, LEARN_EVERYTHING)) {
          skipped += step.message?.skippedRecipients ?? 0
          if (step.kind === 'failed') {
            failed++
            process.stderr.write(`mailward: ${step.entry.origin}: not learned (${step.error})\n`)
          } else if (step.learned) {
            learned++
            senders.add(step.verdict.features.sender.toLowerCase())
          }
        }
      } finally {
        await closeReplayContext(ctx)
      }

      reportSkipped(skipped)
      const summary = {
        sends: history.entries.length,
        learned,
        senders: senders.size,
        failed,
        recipientsWithoutAddress: skipped,
      }
      process.stdout.write(
        flags.json === true
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `learned ${learned} of ${summary.sends} sends from ${senders.size} ` +
              `sender${senders.size === 1 ? '' : 's'} into ${dataDir}` +
              (failed > 0 ? `; ${failed} could not be inspected` : '') +
              '\n',
      )
      process.exitCode = failed > 0 ? EXIT.failed : EXIT.ok
    })

  baseline
    .command('show')
    .description('show what is known about a sender: recipients, domains, groups, hours, volumes')
    .argument('<sender>', 'the sender address (envelope MAIL FROM)')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder holding baselines.db (default: the configured one)')
    .option('--limit <n>', 'recipients, domains and groups listed (text output)', '20')
    .option('--json', 'print everything as JSON')
    .action(async (sender: string, flags: ShowFlags) => {
      const config = historyConfig({ config: flags.config })
      const limit = Number(flags.limit)
      if (!Number.isInteger(limit) || limit < 1) {
        throw new CliError(`--limit must be a whole number of 1 or more (got ${flags.limit})`, 2)
      }

      const dataDir = flags.data ?? dataDirOf(config)
      if (!existsSync(join(dataDir, 'baselines.db'))) {
        throw new CliError(
          `baseline show: no baselines in ${dataDir} (learn some with mailward baseline learn)`,
        )
      }
      const store = openBaselineStore(dataDir, { cacheSenders: 1 })
      try {
        const known = await store.sender(sender.trim())
        if (known === undefined) {
          throw new CliError(`baseline show: nothing is known about ${sender} (no send learned)`)
        }
        const summary = describeBaseline(known, await store.org(), config.behavior.warmupSends)
        process.stdout.write(
          flags.json === true
            ? `${JSON.stringify(summary, null, 2)}\n`
            : formatSummary(summary, limit),
        )
      } finally {
        await store.close()
      }
      process.exitCode = EXIT.ok
    })
}

function formatSummary(summary: BaselineSummary, limit: number): string {
  const day = (iso: string) => iso.slice(0, 10)
  const more = (total: number) => (total > limit ? [`  … and ${total - limit} more`] : [])
  const { volumes, organisation } = summary
  const lines = [
    `${summary.sender}${summary.name === '' ? '' : ` (${summary.name})`}`,
    `  ${summary.sends} sends from ${day(summary.firstSeen)} to ${day(summary.lastSeen)}` +
      (summary.isWarm ? '' : '; still warming up, organisation priors apply'),
    '',
    `Recipients (${summary.recipients.length}):`,
    ...summary.recipients
      .slice(0, limit)
      .map(
        (r) =>
          `  ${String(r.count).padStart(5)}  ${r.address}${r.name === '' ? '' : ` (${r.name})`}` +
          `  ${day(r.firstSeen)} … ${day(r.lastSeen)}`,
      ),
    ...more(summary.recipients.length),
    '',
    `Domains (${summary.domains.length}):`,
    ...summary.domains
      .slice(0, limit)
      .map(
        (d) =>
          `  ${String(d.count).padStart(5)}  ${d.domain}  (${d.orgSenders} sender${d.orgSenders === 1 ? '' : 's'} in the organisation)`,
      ),
    ...more(summary.domains.length),
    '',
    `Usual groups (${summary.groups.length}):`,
    ...summary.groups
      .slice(0, limit)
      .map((g) => `  ${String(g.count).padStart(5)}  ${g.members.join(', ')}`),
    ...more(summary.groups.length),
    '',
    `Busiest hours: ${summary.busiestHours.map((h) => `${h.hour} (${h.sends})`).join(', ')}`,
    `Recipients per send: typically ${volumes.recipients.typical}, at most ${volumes.recipients.max}`,
    `Attachments per send: typically ${bytes(volumes.attachmentBytes.typical)}, at most ` +
      bytes(volumes.attachmentBytes.max),
    `Sensitive values per send: typically ${volumes.findings.typical}, at most ${volumes.findings.max}`,
    '',
    `Organisation: ${organisation.sends} sends by ${organisation.senders} senders to ` +
      `${organisation.domains} domains`,
  ]
  return `${lines.join('\n')}\n`
}

function bytes(value: number): string {
  return value === 0 ? 'none' : describeBytes(value)
}
