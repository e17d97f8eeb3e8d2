// Sends every message of shared/corpus/parser and shared/corpus/benign through a real relay over
// SMTP (nodemailer, pooled connections as Exchange Online uses) and counts how each one ended.
// `tsx scripts/corpus-run.ts [--write docs/corpus-run.md]`; test/corpus.test.ts runs it too.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { startTestRelay } from '../test/helpers/relay.js'
import { sharedPath } from '../test/helpers/shared.js'

export interface CorpusResult {
  readonly file: string
  readonly code: number
  readonly reply: string
  readonly ms: number
}

export interface CorpusSummary {
  readonly files: number
  readonly byOutcome: Record<string, number>
  readonly byAction: Record<string, number>
  readonly byReason: Record<string, number>
  readonly results: readonly CorpusResult[]
  readonly seconds: number
}

const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }
const IN_FLIGHT = 4

/** Lists corpus messages; mbox files are split on their `From ` lines into single messages. */
export function corpusMessages(folders = ['parser', 'benign']): { file: string; raw: Buffer }[] {
  const messages: { file: string; raw: Buffer }[] = []
  for (const folder of folders) {
    const dir = sharedPath('corpus', folder)
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) {
        for (const inner of readdirSync(path).sort())
          messages.push(...splitMbox(`${folder}/${name}/${inner}`, readFileSync(join(path, inner))))
        continue
      }
      messages.push({ file: `${folder}/${name}`, raw: stripFromLine(readFileSync(path)) })
    }
  }
  return messages
}

function splitMbox(file: string, raw: Buffer): { file: string; raw: Buffer }[] {
  const text = raw.toString('latin1')
  const starts = [...text.matchAll(/^From .*\r?\n/gm)].map((match) => match.index)
  if (starts.length === 0) return [{ file, raw }]
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? raw.length
    return { file: `${file}#${index + 1}`, raw: stripFromLine(raw.subarray(start, end)) }
  })
}

function stripFromLine(raw: Buffer): Buffer {
  if (raw.subarray(0, 5).toString('latin1') !== 'From ') return raw
  return raw.subarray(raw.indexOf('\n') + 1)
}

/** Runs the corpus through a fresh relay and summarises how every message ended. */
export async function runCorpus(folders?: string[]): Promise<CorpusSummary> {
  const messages = corpusMessages(folders)
  const relay = await startTestRelay({ limits: { workers: 2, maxMessageBytes: 64 * 1024 * 1024 } })
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.port,
    pool: true,
    maxConnections: IN_FLIGHT,
    maxMessages: Infinity,
    socketTimeout: 120_000,
    // The relay's generated certificate is self-signed.
    tls: { rejectUnauthorized: false },
  })
  const started = Date.now()
  const results: CorpusResult[] = []

  try {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < messages.length) {
        const message = messages[next++] as { file: string; raw: Buffer }
        const sent = Date.now()
        try {
          const info = await transport.sendMail({ envelope: ENVELOPE, raw: message.raw })
          results.push({
            file: message.file,
            code: Number(info.response.slice(0, 3)),
            reply: info.response,
            ms: Date.now() - sent,
          })
        } catch (error) {
          const failure = error as { responseCode?: number; response?: string; code?: string }
          results.push({
            file: message.file,
            code: failure.responseCode ?? 0,
            reply: failure.response ?? `no reply (${failure.code ?? 'unknown'})`,
            ms: Date.now() - sent,
          })
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  } finally {
    transport.close()
  }

  const byAction: Record<string, number> = {}
  const byReason: Record<string, number> = {}
  for (const decision of relay.decisions()) {
    const action = String(decision.action)
    byAction[action] = (byAction[action] ?? 0) + 1
    for (const reason of decision.reasons as string[])
      byReason[reason] = (byReason[reason] ?? 0) + 1
  }
  await relay.stop()

  const byOutcome: Record<string, number> = {}
  for (const result of results) {
    const key = outcomeOf(result)
    byOutcome[key] = (byOutcome[key] ?? 0) + 1
  }
  return {
    files: messages.length,
    byOutcome,
    byAction,
    byReason,
    results,
    seconds: (Date.now() - started) / 1000,
  }
}

/** "250 delivered", "250 held", "554 5.6.0", "no reply", ... */
export function outcomeOf(result: CorpusResult): string {
  if (result.code === 0) return 'no reply'
  if (result.code === 250) return result.reply.includes('held') ? '250 held' : '250 delivered'
  const enhanced = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(result.reply)?.[1] ?? ''
  return `${result.code} ${enhanced}`.trim()
}

function markdown(summary: CorpusSummary): string {
  const rows = Object.entries(summary.byOutcome)
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, count]) => `| ${outcome} | ${count} |`)
  const actions = Object.entries(summary.byAction)
    .sort((a, b) => b[1] - a[1])
    .map(([action, count]) => `| ${action} | ${count} |`)
  const reasons = Object.entries(summary.byReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `| ${reason} | ${count} |`)
  const slowest = [...summary.results].sort((a, b) => b.ms - a.ms).slice(0, 5)
  return [
    '# Corpus run: every message through the relay',
    '',
    'Every message of `shared/corpus/parser/` (mbox files split into messages) and',
    '`shared/corpus/benign/` sent to a relay on loopback over SMTP by nodemailer on four pooled',
    'connections, with the default policy, envelope `alice@example.com` → `desk@partner.example.net`',
    '(external). Regenerate with `npx tsx scripts/corpus-run.ts --write docs/corpus-run.md`;',
    '`test/corpus.test.ts` runs the same and fails on any message without a decision or a deliberate refusal.',
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: 2 cores, shared. Messages: ${summary.files}, in ${summary.seconds.toFixed(0)} s.`,
    '',
    '| how the SMTP transaction ended | messages |',
    '|---|---|',
    ...rows,
    '',
    "| decision (from the relay's `message.decided` log lines) | messages |",
    '|---|---|',
    ...actions,
    '',
    '| policy rule that matched (a message may match several) | messages |',
    '|---|---|',
    ...reasons,
    '',
    'Slowest round trips (client side, end of DATA to reply, with other messages in flight):',
    '',
    ...slowest.map((result) => `- ${result.ms} ms: \`${result.file}\` (${outcomeOf(result)})`),
    '',
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = await runCorpus()
  const output = process.argv.indexOf('--write')
  const text = markdown(summary)
  if (output !== -1 && process.argv[output + 1] !== undefined)
    writeFileSync(process.argv[output + 1] as string, text)
  process.stdout.write(text)
}
