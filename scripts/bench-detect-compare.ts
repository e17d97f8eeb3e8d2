// Detection throughput of this working tree against a git revision, side by side in one run:
// on a shared, noisy machine two separate runs differ by more than most changes do. The
// revision's src/ is unpacked (git archive) under node_modules/.cache and imported beside
// ours; the two detectAll take turns on the same corpus, one call per message as the relay
// makes them, best of REPS each. Time is this process's CPU time (user + system), which
// other engineers' jobs on the shared cores inflate far less than wall-clock time. The
// findings of both are compared too (all fields but the per-process fingerprint): a speed-up
// must not change what is found.
//
// Usage: tsx scripts/bench-detect-compare.ts [REV]   (default HEAD; --quick: a quarter)
import { sharedPath } from '../test/helpers/shared.js'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import type { Finding, TextSource } from '../src/detect/index.js'
import { detectAll } from '../src/detect/index.js'
import { defaultExtractLimits, extractText } from '../src/extract/index.js'
import { parseMessage } from '../src/mime/index.js'

type DetectAll = typeof detectAll

const ROOT = join(import.meta.dirname, '..')
const CORPUS = sharedPath('corpus')
const FOLDERS = ['benign', 'parser']
const REPS = 7

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const rev = args.find((a) => !a.startsWith('--')) ?? 'HEAD'

async function loadBaseline(): Promise<{ name: string; detect: DetectAll }> {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT }).toString().trim()
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-detect-compare', sha)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const archive = execFileSync('git', ['archive', rev, 'src'], { cwd: ROOT, maxBuffer: 1 << 28 })
  execFileSync('tar', ['-x', '-C', dir], { input: archive })

  const url = pathToFileURL(join(dir, 'src', 'detect', 'index.ts')).href
  const module = (await import(url)) as { detectAll: DetectAll }
  return { name: `${rev} (${sha})`, detect: module.detectAll }
}

async function loadMessages(): Promise<(readonly TextSource[])[]> {
  const messages: (readonly TextSource[])[] = []

  for (const folder of FOLDERS) {
    const dir = join(CORPUS, folder)
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile())
    const taken = quick ? files.filter((_, i) => i % 4 === 0) : files

    for (const file of taken) {
      try {
        const message = await parseMessage(readFileSync(join(dir, file)), { maxDepth: 8 })
        messages.push((await extractText(message, defaultExtractLimits)).texts)
      } catch {
        // A corpus file our parser rejects has no text to time; it is skipped.
      }
    }
  }

  return messages
}

/** A finding without its fingerprint, whose key is drawn per module instance. */
function comparable(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map(({ fingerprint: _, ...rest }) => rest))
}

function differences(a: readonly string[], b: readonly string[]): number {
  return a.filter((text, i) => text !== b[i]).length
}

async function main(): Promise<void> {
  const baseline = await loadBaseline()
  const messages = await loadMessages()
  const bytes = messages.flat().reduce((n, s) => n + Buffer.byteLength(s.text), 0)
  console.log(`corpus: ${messages.length} messages, ${(bytes / 1e6).toFixed(1)} MB of text`)

  const contenders = [
    { name: baseline.name, detect: baseline.detect, times: [] as number[] },
    { name: 'working tree', detect: detectAll, times: [] as number[] },
  ]

  // Warm-up, and the findings of each, message by message.
  const outputs = contenders.map((c) => messages.map((m) => comparable(c.detect(m))))
  const changed = differences(outputs[0] ?? [], outputs[1] ?? [])

  for (let rep = 0; rep < REPS; rep++) {
    for (const c of contenders) {
      const started = process.cpuUsage()
      for (const m of messages) c.detect(m)
      const used = process.cpuUsage(started)
      c.times.push((used.user + used.system) / 1000)
    }
  }

  for (const c of contenders) {
    const best = Math.min(...c.times)
    const sorted = [...c.times].sort((x, y) => x - y)
    const median = sorted[Math.floor(sorted.length / 2)] ?? best
    const mbps = (ms: number): string => (bytes / 1e6 / (ms / 1e3)).toFixed(1)
    console.log(
      `  ${c.name.padEnd(24)} best ${mbps(best).padStart(5)} MB/s (${best.toFixed(0)} ms), median ${mbps(median)} MB/s`,
    )
  }

  console.log(
    changed === 0
      ? 'findings: identical in every message'
      : `findings: ${changed} of ${messages.length} messages differ`,
  )
}

await main()
