// `mailward detect`: runs the detect stage on a text (or on JSON lines of texts) and prints
// what it finds. The output holds offsets and masked samples of the user's own input, never
// the values themselves.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

import type { Command } from 'commander'

import {
  detectAll,
  listCategories,
  type DetectOptions,
  type Finding,
  type TextSource,
} from '../detect/index.js'

interface DetectFlags {
  json?: boolean
  jsonl?: boolean
  categories?: boolean
  html?: boolean
  minConfidence?: string
  phoneRegions?: string
}

function readInput(file: string | undefined): string {
  return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8')
}

function minConfidenceOf(flags: DetectFlags): number | undefined {
  if (flags.minConfidence === undefined) return undefined

  const value = Number(flags.minConfidence)
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`--min-confidence must be between 0 and 1 (got ${flags.minConfidence})`)
  }
  return value
}

function optionsOf(flags: DetectFlags): DetectOptions {
  const phoneRegions = flags.phoneRegions?.split(',').map((r) => r.trim())
  return { minConfidence: minConfidenceOf(flags), phoneRegions }
}

function formatFinding(f: Finding): string {
  const where = f.boilerplate === undefined ? '' : `  (in ${f.boilerplate})`
  const span = `${f.start}-${f.end}`.padEnd(12)
  return `${f.category.padEnd(22)} ${span} ${f.confidence.toFixed(2)}  ${f.masked}${where}`
}

/** One JSON line in, one JSON line out: `{id, text}` → `{id, findings: [...]}`. */
async function detectLines(input: Readable, flags: DetectFlags): Promise<void> {
  const origin: TextSource['origin'] = flags.html === true ? 'body-html' : 'body-text'
  const options = optionsOf(flags)
  const lines = createInterface({ input, crlfDelay: Infinity })
  let lineNumber = 0

  for await (const line of lines) {
    lineNumber++
    if (line.trim() === '') continue

    const parsed = JSON.parse(line) as { id?: unknown; text?: unknown }
    if (typeof parsed.text !== 'string') {
      throw new Error(`line ${lineNumber}: "text" must be a string`)
    }

    const findings = detectAll([{ partId: '1', origin, text: parsed.text }], options)
    const out = findings.map((f) => ({
      category: f.category,
      start: f.start,
      end: f.end,
      confidence: f.confidence,
    }))
    process.stdout.write(`${JSON.stringify({ id: parsed.id ?? null, findings: out })}\n`)
  }
}

function detectText(file: string | undefined, flags: DetectFlags): void {
  const origin: TextSource['origin'] = flags.html === true ? 'body-html' : 'body-text'
  const text = readInput(file)
  const findings = detectAll([{ partId: '1', origin, text }], optionsOf(flags))

  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`)
    return
  }

  if (findings.length === 0) process.stdout.write('no findings\n')
  for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`)
}

/**
 * Registers `mailward detect [FILE|-] [--json] [--jsonl] [--categories]`.
 *
 * @example mailward detect notes.txt --json
 */
export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('print the sensitive data found in a text file or stdin (masked)')
    .argument('[file]', 'text file to scan, or - for stdin', '-')
    .option('--json', 'print findings as a JSON array')
    .option('--jsonl', 'read lines {"id","text"} and write {"id","findings"} per line')
    .option('--categories', 'list the category ids the engine reports')
    .option('--html', 'treat the input as raw HTML (comments and attributes are scanned)')
    .option('--min-confidence <n>', 'report findings at or above this confidence (0..1)')
    .option(
      '--phone-regions <list>',
      'ISO 3166 regions for phone numbers without a country code, e.g. GB,IE',
    )
    .action(async (file: string | undefined, flags: DetectFlags) => {
      if (flags.categories === true) {
        const ids = listCategories()
        if (flags.json === true) process.stdout.write(`${JSON.stringify(ids)}\n`)
        else for (const id of ids) process.stdout.write(`${id}\n`)
        return
      }

      if (flags.jsonl === true) {
        const input = file === undefined || file === '-' ? process.stdin : await openFile(file)
        await detectLines(input, flags)
        return
      }

      detectText(file, flags)
    })
}

async function openFile(file: string): Promise<Readable> {
  const { createReadStream } = await import('node:fs')
  return createReadStream(file)
}
