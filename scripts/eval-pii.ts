// Runs the public PII test vectors (shared/pii) through `mailward detect --jsonl` and prints
// per-category and overall precision, recall and pass rate for the categories we cover, the
// share of Presidio's low-confidence ("weak") cases among them, and whether look-alike values
// that are not personal data (EAN-13 barcodes, Dominican invoice numbers, Italian drug codes)
// are flagged as anything.
//
// Phone vectors carry the regions their Presidio test configured (presidio_config
// .supported_regions, "UK" meaning GB); they run with `--phone-regions` set to those, as the
// peer's test did. --default-regions runs them with mailward's default regions instead.
//
// Cases set aside on review (scripts/pii-reviewed.ts, as shared/pii/README.md asks) are
// judged and listed apart; the pass rate is given over the rest and over all cases, and the
// target is checked on the first.
//
// Usage: npm run eval:pii [-- --verbose] [-- --min-confidence N] [-- --default-regions]
import { sharedPath } from '../test/helpers/shared.js'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { detectAll, listCategories } from '../src/detect/index.js'
import { evidenceHolds, REVIEWED } from './pii-reviewed.js'

const ROOT = join(import.meta.dirname, '..')
const VECTOR_DIR = sharedPath('pii')
const FILES = ['presidio-vectors.jsonl', 'stdnum-vectors.jsonl']
const TARGET = 0.97
const LOOK_ALIKE_PREFIX = 'STDNUM:'

interface Vector {
  id: string
  entity: string
  text: string
  expected_count: number | null
  expected_spans?: [number, number][] | null
  kind: string
  presidio_strength?: string
  presidio_config?: { supported_regions?: string[] }
}

interface Found {
  category: string
  start: number
  end: number
}

interface Tally {
  cases: number
  passed: number
  tp: number
  fp: number
  fn: number
  failures: string[]
}

interface Flags {
  verbose: boolean
  minConfidence: string | undefined
  defaultRegions: boolean
}

function readFlags(argv: readonly string[]): Flags {
  const at = argv.indexOf('--min-confidence')
  return {
    verbose: argv.includes('--verbose'),
    minConfidence: at === -1 ? undefined : argv[at + 1],
    defaultRegions: argv.includes('--default-regions'),
  }
}

function loadVectors(): Vector[] {
  return FILES.flatMap((file) =>
    readFileSync(join(VECTOR_DIR, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Vector),
  )
}

/** The `--phone-regions` value a vector runs with ('' = mailward's default regions). */
function regionsOf(v: Vector, flags: Flags): string {
  const regions = v.presidio_config?.supported_regions
  if (flags.defaultRegions || regions === undefined || v.entity !== 'PHONE_NUMBER') return ''
  return regions.map((r) => (r === 'UK' ? 'GB' : r)).join(',')
}

/** Runs texts through the built CLI (or, without a build, `tsx src/cli/main.ts`). */
function runCli(texts: readonly string[], extra: readonly string[]): Found[][] | undefined {
  const input = texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n')
  const isBuilt = existsSync(join(ROOT, 'dist', 'cli', 'main.js'))
  const [command, args] = isBuilt
    ? ['node', ['bin/mailward.js', 'detect', '--jsonl', ...extra]]
    : ['npx', ['tsx', 'src/cli/main.ts', 'detect', '--jsonl', ...extra]]

  const run = spawnSync(command, args, { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 28 })
  if (run.status !== 0) {
    console.error(`eval-pii: ${command} ${args.join(' ')} failed (exit ${run.status ?? 'signal'})`)
    return undefined
  }

  const results = texts.map((): Found[] => [])
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue
    const row = JSON.parse(line) as { id: number; findings: Found[] }
    results[row.id] = row.findings
  }
  return results
}

/** Findings per vector, one CLI run per distinct region setting; says how it ran. */
function detectVectors(vectors: readonly Vector[], flags: Flags): [string, Found[][]] {
  const results = vectors.map((): Found[] => [])
  const groups = new Map<string, number[]>()
  vectors.forEach((v, i) =>
    groups.set(regionsOf(v, flags), [...(groups.get(regionsOf(v, flags)) ?? []), i]),
  )

  const base = flags.minConfidence === undefined ? [] : ['--min-confidence', flags.minConfidence]
  let how = 'mailward detect --jsonl'

  for (const [regions, indexes] of groups) {
    const extra = regions === '' ? base : [...base, '--phone-regions', regions]
    const texts = indexes.map((i) => vectors[i]?.text ?? '')
    const fromCli = runCli(texts, extra)
    if (fromCli === undefined) how = 'in-process detectAll() (the CLI run failed)'

    const found =
      fromCli ??
      texts.map((text) =>
        detectAll([{ partId: '1', origin: 'body-text', text }], {
          minConfidence:
            flags.minConfidence === undefined ? undefined : Number(flags.minConfidence),
          phoneRegions: regions === '' ? undefined : regions.split(','),
        }),
      )
    indexes.forEach((vectorIndex, k) => (results[vectorIndex] = found[k] ?? []))
  }

  return [how, results]
}

/** UTF-16 offset → code-point offset (the vectors come from Python, which counts code points). */
function codePointOffset(text: string, offset: number): number {
  return Array.from(text.slice(0, offset)).length
}

function judge(v: Vector, found: readonly Found[], tally: Tally): boolean {
  const expected = v.expected_count ?? 0
  const mine = found
    .filter((f) => f.category === v.entity)
    .map((f) => [codePointOffset(v.text, f.start), codePointOffset(v.text, f.end)] as const)

  const spans = v.expected_spans ?? []
  const spansHit = spans.every(([s, e]) => mine.some(([fs, fe]) => fs < e && s < fe))
  const isPass = mine.length === expected && spansHit

  const tp = Math.min(mine.length, expected)
  tally.cases++
  tally.passed += isPass ? 1 : 0
  tally.tp += tp
  tally.fp += mine.length - tp
  tally.fn += expected - tp
  if (!isPass)
    tally.failures.push(
      `${v.id} expected ${expected} got ${mine.length}: ${JSON.stringify(v.text.slice(0, 80))}`,
    )
  return isPass
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`
}

function emptyTally(): Tally {
  return { cases: 0, passed: 0, tp: 0, fp: 0, fn: 0, failures: [] }
}

function printTable(tallies: Map<string, Tally>, verbose: boolean): Tally {
  console.log(`\n${'category'.padEnd(26)} cases  passed  pass%  precision  recall`)
  const total = emptyTally()

  for (const [category, t] of [...tallies].sort((a, b) => a[0].localeCompare(b[0]))) {
    const mark = t.passed / t.cases < TARGET ? '  <' : ''
    const counts = `${String(t.cases).padStart(5)}  ${String(t.passed).padStart(6)}`
    const rates = `${pct(t.passed, t.cases)}  ${pct(t.tp, t.tp + t.fp)}  ${pct(t.tp, t.tp + t.fn)}`
    console.log(`${category.padEnd(26)} ${counts} ${rates}${mark}`)

    total.cases += t.cases
    total.passed += t.passed
    total.tp += t.tp
    total.fp += t.fp
    total.fn += t.fn
    if (verbose) for (const f of t.failures) console.log(`    FAIL ${f}`)
  }

  const counts = `${String(total.cases).padStart(5)}  ${String(total.passed).padStart(6)}`
  const rates = `${pct(total.passed, total.cases)}  ${pct(total.tp, total.tp + total.fp)}  ${pct(total.tp, total.tp + total.fn)}`
  console.log(`${'OVERALL'.padEnd(26)} ${counts} ${rates}`)
  return total
}

// Valid look-alike values should produce no finding of any category.
function reportLookAlikes(vectors: readonly Vector[], flags: Flags): void {
  const valid = vectors.filter(
    (v) => v.entity.startsWith(LOOK_ALIKE_PREFIX) && v.expected_count === 1,
  )
  const [, results] = detectVectors(valid, flags)
  const flagged = results
    .map((found, i) => [valid[i], found] as const)
    .filter(([, f]) => f.length > 0)
  const categories = [...new Set(flagged.flatMap(([, f]) => f.map((x) => x.category)))].sort()

  console.log(
    `look-alikes (valid EAN-13, NCF, AIC values): ${flagged.length} of ${valid.length} flagged${categories.length > 0 ? ` as ${categories.join(' ')}` : ''}`,
  )
  if (flags.verbose) for (const [v] of flagged) console.log(`    FLAGGED ${v?.id ?? ''}`)
}

function main(): void {
  const flags = readFlags(process.argv)
  const covered = new Set<string>(listCategories())
  const vectors = loadVectors()
  const scored = vectors.filter((v) => v.expected_count !== null && covered.has(v.entity))
  const unscored = vectors.filter((v) => v.expected_count === null)
  const uncovered = vectors.filter(
    (v) =>
      v.expected_count !== null &&
      !covered.has(v.entity) &&
      !v.entity.startsWith(LOOK_ALIKE_PREFIX),
  )

  const [how, results] = detectVectors(scored, flags)
  const floor = flags.minConfidence ?? 'the default floor'
  const regions = flags.defaultRegions
    ? 'default phone regions'
    : 'phone regions as configured by each Presidio test'
  console.log(`eval-pii: ${scored.length} cases of ${covered.size} covered categories, via ${how}`)
  console.log(`          findings at ${floor}; ${regions}`)

  const tallies = new Map<string, Tally>()
  const weak = emptyTally()
  const reviews = new Map(REVIEWED.map((r) => [r.id, r]))
  const setAside: string[] = []
  const all = emptyTally()
  scored.forEach((v, i) => {
    const found = results[i] ?? []
    const review = reviews.get(v.id)
    if (review !== undefined && evidenceHolds(review, v.text)) {
      const isPass = judge(v, found, all)
      setAside.push(`${v.id} (${isPass ? 'passes anyway' : 'not counted'}): ${review.reason}`)
      return
    }
    const tally = tallies.get(v.entity) ?? emptyTally()
    const isPass = judge(v, found, tally)
    all.cases++
    all.passed += isPass ? 1 : 0
    tallies.set(v.entity, tally)
    if (v.presidio_strength === 'weak') {
      weak.cases++
      weak.passed += isPass ? 1 : 0
    }
  })
  const stale = REVIEWED.filter((r) => !setAside.some((line) => line.startsWith(`${r.id} `)))

  const total = printTable(tallies, flags.verbose)

  console.log(
    `\nPresidio "weak" cases (Presidio itself scores them low): ${weak.passed} of ${weak.cases} passed`,
  )
  reportLookAlikes(vectors, flags)
  const missing = [...new Set(uncovered.map((v) => v.entity))].sort()
  console.log(`not scored: ${unscored.length} cases without an expected count (context/observed)`)
  console.log(
    `not covered: ${uncovered.length} cases of ${missing.length} categories: ${missing.join(' ')}`,
  )

  console.log(`set aside on review (scripts/pii-reviewed.ts): ${setAside.length} cases`)
  if (flags.verbose) for (const line of setAside) console.log(`    ${line}`)
  for (const r of stale)
    console.log(`    REVIEW NOT APPLIED (no such case, or evidence fails): ${r.id}`)

  const rate = total.passed / Math.max(1, total.cases)
  console.log(
    `\npass rate ${(100 * rate).toFixed(1)}% over ${total.cases} cases (target ${100 * TARGET}%);` +
      ` over all ${all.cases} cases, set-aside ones included: ${all.passed} passed,` +
      ` ${((100 * all.passed) / Math.max(1, all.cases)).toFixed(1)}%`,
  )
  process.exitCode = rate >= TARGET ? 0 : 1
}

main()
