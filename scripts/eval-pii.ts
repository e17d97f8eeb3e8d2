// Runs the public PII test vectors (shared/pii) through `mailward detect --jsonl` and prints
// per-category and overall precision, recall and pass rate for the categories we cover.
//
// Usage: npm run eval:pii [-- --verbose]   (--verbose lists every failing case)
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { detectAll, listCategories } from '../src/detect/index.js'

const ROOT = join(import.meta.dirname, '..')
const VECTOR_DIR = join(ROOT, '..', 'shared', 'pii')
const FILES = ['presidio-vectors.jsonl', 'stdnum-vectors.jsonl']
const TARGET = 0.97

interface Vector {
  id: string
  entity: string
  text: string
  expected_count: number | null
  expected_spans?: [number, number][] | null
  kind: string
  presidio_strength?: string
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

function loadVectors(): Vector[] {
  return FILES.flatMap((file) =>
    readFileSync(join(VECTOR_DIR, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Vector),
  )
}

/** Runs the texts through the CLI when one is built, else in-process; says which. */
function detectVectors(vectors: readonly Vector[]): { how: string; results: Found[][] } {
  const input = vectors.map((v, i) => JSON.stringify({ id: i, text: v.text })).join('\n')
  const runners: [string, string, string[]][] = [
    ['node bin/mailward.js detect --jsonl', 'node', ['bin/mailward.js', 'detect', '--jsonl']],
    [
      'npx tsx src/cli/main.ts detect --jsonl',
      'npx',
      ['tsx', 'src/cli/main.ts', 'detect', '--jsonl'],
    ],
  ]

  for (const [how, command, args] of runners) {
    const needed = how.startsWith('node')
      ? join(ROOT, 'dist', 'cli', 'main.js')
      : join(ROOT, 'src', 'cli', 'main.ts')
    if (!existsSync(needed)) continue

    const run = spawnSync(command, args, { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 28 })
    if (run.status !== 0) {
      console.error(
        `eval-pii: ${how} failed (exit ${run.status ?? 'signal'}); trying the next runner`,
      )
      continue
    }

    const results = new Array<Found[]>(vectors.length).fill([])
    for (const line of run.stdout.split('\n')) {
      if (line.trim() === '') continue
      const row = JSON.parse(line) as { id: number; findings: Found[] }
      results[row.id] = row.findings
    }
    return { how, results }
  }

  const results = vectors.map((v) =>
    detectAll([{ partId: '1', origin: 'body-text', text: v.text }]),
  )
  return { how: 'in-process detectAll() (no CLI with `detect` found)', results }
}

/** UTF-16 offset → code-point offset (the vectors come from Python, which counts code points). */
function codePointOffset(text: string, offset: number): number {
  return Array.from(text.slice(0, offset)).length
}

function judge(v: Vector, found: readonly Found[], tally: Tally): void {
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
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`
}

function main(): void {
  const verbose = process.argv.includes('--verbose')
  const covered = new Set<string>(listCategories())
  const vectors = loadVectors()
  const scored = vectors.filter((v) => v.expected_count !== null && covered.has(v.entity))
  const unscored = vectors.filter((v) => v.expected_count === null)
  const uncovered = vectors.filter((v) => v.expected_count !== null && !covered.has(v.entity))

  const { how, results } = detectVectors(scored)
  console.log(`eval-pii: ${scored.length} cases of ${covered.size} covered categories, via ${how}`)

  const tallies = new Map<string, Tally>()
  scored.forEach((v, i) => {
    const tally = tallies.get(v.entity) ?? {
      cases: 0,
      passed: 0,
      tp: 0,
      fp: 0,
      fn: 0,
      failures: [],
    }
    judge(v, results[i] ?? [], tally)
    tallies.set(v.entity, tally)
  })

  console.log(`\n${'category'.padEnd(26)} cases  passed  pass%  precision  recall`)
  const total: Tally = { cases: 0, passed: 0, tp: 0, fp: 0, fn: 0, failures: [] }
  for (const [category, t] of [...tallies].sort((a, b) => a[0].localeCompare(b[0]))) {
    const mark = t.passed / t.cases < TARGET ? '  <' : ''
    console.log(
      `${category.padEnd(26)} ${String(t.cases).padStart(5)}  ${String(t.passed).padStart(6)} ${pct(t.passed, t.cases)}  ${pct(t.tp, t.tp + t.fp)}  ${pct(t.tp, t.tp + t.fn)}${mark}`,
    )
    total.cases += t.cases
    total.passed += t.passed
    total.tp += t.tp
    total.fp += t.fp
    total.fn += t.fn
    if (verbose) for (const f of t.failures) console.log(`    FAIL ${f}`)
  }

  console.log(
    `${'OVERALL'.padEnd(26)} ${String(total.cases).padStart(5)}  ${String(total.passed).padStart(6)} ${pct(total.passed, total.cases)}  ${pct(total.tp, total.tp + total.fp)}  ${pct(total.tp, total.tp + total.fn)}`,
  )

  const missing = [...new Set(uncovered.map((v) => v.entity))].sort()
  console.log(`\nnot scored: ${unscored.length} cases without an expected count (context/observed)`)
  console.log(
    `not covered: ${uncovered.length} cases of ${missing.length} categories: ${missing.join(' ')}`,
  )

  const rate = total.passed / Math.max(1, total.cases)
  console.log(`\npass rate ${(100 * rate).toFixed(1)}% (target ${100 * TARGET}%)`)
  process.exitCode = rate >= TARGET ? 0 : 1
}

main()
