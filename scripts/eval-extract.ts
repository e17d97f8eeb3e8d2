// Runs every file of shared/corpus/attachments/ and every attachment inside
// shared/corpus/parser/ through extractText and prints, per detected format, how many gave
// text, were encrypted, were unscannable (with reasons) or crashed. Counts only: no text and
// no file names are printed unless `--list` asks for the corpus paths of files without text.
// Then every message of shared/corpus/parser/ and benign/ goes through the parse stage, and
// what it hands over besides mailparser's parts is counted: text outside the MIME parts,
// structure problems by reason, free-text header fields.
//
// `--bench` instead times extraction of a mix of real PDF, DOCX, XLSX and ZIP attachments
// (one per message, in turn) and prints p50/p99 per message.
//
//   npm run eval:extract [-- --list | --bench]
import { sharedPath } from '../test/helpers/shared.js'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { simpleParser } from 'mailparser'

import { defaultExtractLimits, extractText } from '../src/extract/index.js'
import { parseMessage } from '../src/mime/index.js'
import type { Extraction } from '../src/extract/index.js'
import type { Message, MessagePart } from '../src/mime/types.js'

const CORPUS = `${sharedPath('corpus')}/`

type Outcome = 'text' | 'partial' | 'encrypted' | 'unscannable' | 'empty' | 'crashed'

interface Sample {
  readonly source: string
  readonly declaredType: string
  readonly filename: string | undefined
  readonly content: Buffer
}

interface Row {
  files: number
  outcomes: Record<Outcome, number>
  reasons: Map<string, number>
  listed: string[]
}

const SUPPORTED =
  /pdf|wordprocessingml|spreadsheetml|presentationml|opendocument|zip|gzip|x-tar|ms-outlook|ms-tnef|msword|ms-excel|ms-powerpoint|rtf|text\/|json|xml|pkcs7-mime|message\/rfc822|openxmlformats-package|x-cfb/

async function main(): Promise<void> {
  if (process.argv.includes('--bench')) return bench()

  const shouldList = process.argv.includes('--list')
  const samples = [...(await attachmentFiles()), ...(await parserAttachments())]
  const rows = new Map<string, Row>()
  const timings: number[] = []

  for (const sample of samples) {
    const started = performance.now()
    const { outcome, format, reason } = await runOne(sample)
    timings.push(performance.now() - started)

    const row = rows.get(format) ?? newRow()
    row.files += 1
    row.outcomes[outcome] += 1
    // Reasons are tallied for files without text: a PDF with text on one page and a broken
    // page counts as partial, not as broken.
    if (reason !== undefined && outcome !== 'text' && outcome !== 'partial') {
      row.reasons.set(reason, (row.reasons.get(reason) ?? 0) + 1)
    }
    if (outcome !== 'text') row.listed.push(`${outcome}: ${sample.source}${note(reason)}`)
    rows.set(format, row)
  }

  printTable(rows, shouldList)
  printSummary(rows, timings, samples.length)
  await printParseSummary()
}

/** What the parse stage adds to mailparser's parts, over the parser and benign corpora. */
async function printParseSummary(): Promise<void> {
  let messages = 0
  let crashed = 0
  let withOutside = 0
  let withFields = 0
  let fields = 0
  const problems = new Map<string, number>()

  for (const folder of ['parser', 'benign']) {
    const files = await readdir(join(CORPUS, folder), { recursive: true, withFileTypes: true })
    for (const file of files.filter((f) => f.isFile())) {
      for (const raw of messagesIn(await readFile(join(file.parentPath, file.name)))) {
        messages += 1
        try {
          const message = await parseMessage(raw, { maxDepth: defaultExtractLimits.maxDepth })
          const headerFields = (message.headerTexts ?? []).filter((h) => h.partId.includes('/'))
          if (message.parts.some((part) => part.origin === 'outside-parts')) withOutside += 1
          if (headerFields.length > 0) withFields += 1
          fields += headerFields.length
          for (const { reason } of message.problems) {
            problems.set(reason, (problems.get(reason) ?? 0) + 1)
          }
        } catch {
          // parseMessage records a parse failure as a problem; a throw is a crash of ours.
          crashed += 1
        }
      }
    }
  }

  console.log(`\nparse stage over parser/ and benign/: ${messages} messages, crashed: ${crashed}`)
  console.log(`  with text outside the MIME parts: ${withOutside}`)
  console.log(`  with free-text header fields: ${withFields} (${fields} fields)`)
  console.log('  problems (UNSCANNABLE) by reason:')
  for (const [reason, n] of [...problems].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${n}\t${reason}`)
  }
}

function note(reason: string | undefined): string {
  return reason === undefined ? '' : ` (${reason})`
}

function newRow(): Row {
  const outcomes = { text: 0, partial: 0, encrypted: 0, unscannable: 0, empty: 0, crashed: 0 }
  return { files: 0, outcomes, reasons: new Map(), listed: [] }
}

async function runOne(
  sample: Sample,
): Promise<{ outcome: Outcome; format: string; reason?: string }> {
  let result: Extraction
  try {
    result = await extractText(messageOf(sample), defaultExtractLimits)
  } catch (error) {
    const name = error instanceof Error ? error.name : 'non-error'
    return { outcome: 'crashed', format: 'unknown', reason: `crash: ${name}` }
  }

  const part = result.parts[0]
  const format = part?.detectedType ?? 'unknown'
  const hasText = result.texts.some((t) => t.text.trim().length > 0)
  const isEncrypted = result.findings.some((f) => f.category === 'ENCRYPTED_CONTENT')
  const firstReason = result.findings[0]?.reason

  // Partial: text came out, and something inside was reported (a picture in an archive, one
  // broken page, an encrypted member).
  if (hasText)
    return { outcome: firstReason === undefined ? 'text' : 'partial', format, reason: firstReason }
  if (isEncrypted) return { outcome: 'encrypted', format, reason: firstReason }
  if (firstReason !== undefined) return { outcome: 'unscannable', format, reason: firstReason }
  // Nothing to read and nothing reported: an empty file, an archive of empty files, a sheet
  // with no cells. A leaf document that has bytes but gives neither is a silent skip. PDFs are
  // left out: one without text and without a finding paints nothing on any page (read-pdf.ts
  // checks each page's operators), so it is blank, not skipped.
  const isLeaf = /^(text|html|rtf|doc|xls|ppt|calendar|charset-fallback|mime)$/.test(
    part?.method ?? '',
  )
  if (isLeaf && (part?.size ?? 0) > 0 && part?.textBytes === 0) silentSkips += 1
  return { outcome: 'empty', format }
}

let silentSkips = 0

function messageOf(sample: Sample): Message {
  const part: MessagePart = {
    id: '1',
    declaredType: sample.declaredType,
    filename: sample.filename,
    disposition: 'attachment',
    content: sample.content,
    depth: 0,
    origin: 'attachment',
  }
  return {
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
    parts: [part],
    problems: [],
    size: sample.content.length,
  }
}

async function attachmentFiles(): Promise<Sample[]> {
  const dir = join(CORPUS, 'attachments')
  const names = (await readdir(dir)).sort()

  return Promise.all(
    names.map(async (name) => ({
      source: `attachments/${name}`,
      declaredType: 'application/octet-stream',
      filename: name,
      content: await readFile(join(dir, name)),
    })),
  )
}

async function parserAttachments(): Promise<Sample[]> {
  const samples: Sample[] = []
  const files = await readdir(join(CORPUS, 'parser'), { recursive: true, withFileTypes: true })

  for (const file of files.filter((f) => f.isFile())) {
    const path = join(file.parentPath, file.name)
    const source = path.slice(CORPUS.length)

    for (const raw of messagesIn(await readFile(path))) {
      try {
        const mail = await simpleParser(raw)
        for (const a of mail.attachments) {
          samples.push({
            source,
            declaredType: a.contentType,
            filename: a.filename,
            content: a.content,
          })
        }
      } catch {
        // mailparser rejects a few deliberately broken corpus messages; they hold no
        // attachment to evaluate, and the parse stage's own tests cover them.
        continue
      }
    }
  }

  return samples
}

/** One message per file, or several when the file is an mbox (lines starting "From "). */
function messagesIn(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1')
  if (!text.startsWith('From ')) return [bytes]

  const starts = [...text.matchAll(/^From .*\r?\n/gm)].map((m) => m.index)
  return starts.map((start, i) => {
    const headerEnd = text.indexOf('\n', start) + 1
    return bytes.subarray(headerEnd, starts[i + 1] ?? bytes.length)
  })
}

function printTable(rows: Map<string, Row>, shouldList: boolean): void {
  const sorted = [...rows].sort((a, b) => b[1].files - a[1].files)
  console.log('format | files | text | partial | encrypted | unscannable | empty | crashed')
  console.log('--- | --: | --: | --: | --: | --: | --: | --:')

  for (const [format, row] of sorted) {
    const o = row.outcomes
    const cells = [o.text, o.partial, o.encrypted, o.unscannable, o.empty, o.crashed]
    console.log(`${format} | ${row.files} | ${cells.join(' | ')}`)
  }

  console.log('\nreasons (first finding of each file without text, all formats):')
  const reasons = new Map<string, number>()
  for (const [, row] of rows) {
    for (const [reason, n] of row.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + n)
  }
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
    console.log(`  ${n}\t${reason}`)

  if (!shouldList) return
  console.log('\nfiles without text:')
  for (const [format, row] of sorted)
    for (const line of row.listed) console.log(`  ${format}\t${line}`)
}

function printSummary(rows: Map<string, Row>, timings: number[], total: number): void {
  let supported = 0
  let withText = 0
  let crashed = 0
  let emptyOrScanned = 0
  let partial = 0

  for (const [format, row] of rows) {
    crashed += row.outcomes.crashed
    if (!SUPPORTED.test(format) || format.includes('binary')) continue

    const count = (pattern: RegExp): number =>
      [...row.reasons].filter(([r]) => pattern.test(r)).reduce((sum, [, n]) => sum + n, 0)
    const corrupt = count(/corrupt|unreadable|bad signature|truncated|compression method/)
    supported += row.files - row.outcomes.encrypted - corrupt
    withText += row.outcomes.text + row.outcomes.partial
    partial += row.outcomes.partial
    emptyOrScanned += row.outcomes.empty + count(/no text layer/)
  }

  const sortedMs = [...timings].sort((a, b) => a - b)
  const at = (q: number): string =>
    (sortedMs[Math.floor(q * (sortedMs.length - 1))] ?? 0).toFixed(1)

  const share = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`
  const withContent = supported - emptyOrScanned

  console.log(`\nfiles: ${total}, crashed: ${crashed}, silent skips: ${silentSkips}`)
  console.log(
    `text from ${withText} of ${supported} supported, non-encrypted, non-corrupt files ` +
      `(${share(withText, supported)}; ${partial} of them partly, with a finding for the rest); ` +
      `of the ${withContent} that hold any text (not empty, not image-only PDF): ` +
      share(withText, withContent),
  )
  console.log(`time per file: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`)
}

const BENCH_MIX = /\.(pdf|docx|xlsx|zip)$/
const BENCH_ROUNDS = 5

/** Per-message extraction latency over every corpus PDF/DOCX/XLSX/ZIP, several rounds. */
async function bench(): Promise<void> {
  const mix = (await attachmentFiles()).filter((s) => BENCH_MIX.test(s.filename ?? ''))
  const timings: number[] = []
  /** Each file's fastest extraction: what it costs without the machine's noise. */
  const fastest = new Map<Sample, number>()

  for (const sample of mix) await extractText(messageOf(sample), defaultExtractLimits)

  for (let round = 0; round < BENCH_ROUNDS; round += 1) {
    for (const sample of mix) {
      const started = performance.now()
      await extractText(messageOf(sample), defaultExtractLimits)
      const elapsed = performance.now() - started
      timings.push(elapsed)
      fastest.set(sample, Math.min(elapsed, fastest.get(sample) ?? Infinity))
    }
  }

  const sorted = timings.sort((a, b) => a - b)
  const at = (q: number): string => (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1)
  const kinds = ['pdf', 'docx', 'xlsx', 'zip'].map((k) => {
    const n = mix.filter((s) => s.filename?.endsWith(`.${k}`) === true).length
    return `${n} ${k}`
  })

  console.log(`mix: ${kinds.join(', ')}; ${timings.length} extractions after one warm-up round`)
  console.log(`extract latency per message: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`)
  console.log('slowest files (fastest of the rounds):')
  const slowest = [...fastest].sort((a, b) => b[1] - a[1]).slice(0, 8)
  for (const [sample, ms] of slowest) {
    const kib = Math.round(sample.content.length / 1024)
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${kib} KiB  ${sample.filename ?? '(unnamed)'}`)
  }
}

await main()
