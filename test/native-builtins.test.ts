// pdf.js's legacy bundles replace Array.prototype.push, JSON.stringify and JSON.parse with
// slower polyfills (src/extract/native-builtins.ts). Loading the PDF reader, as the relay and
// its workers do, must leave the natives in place. Run on the compiled code (npm test builds it)
// in a fresh process, since this test process may have loaded pdf.js already.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const READ_PDF = new URL('../dist/extract/read-pdf.js', import.meta.url).href
const NATIVES = new URL('../dist/extract/native-builtins.js', import.meta.url).href

function builtinsAfter(script: string): string {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const before = [Array.prototype.push, JSON.stringify, JSON.parse]
${script}
const after = [Array.prototype.push, JSON.stringify, JSON.parse]
console.log(before.map((f, i) => f === after[i]).join(' '))`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  )
  return run.stdout.trim()
}

describe('built-ins after pdf.js has loaded', () => {
  it('are the natives once the PDF reader is loaded', () => {
    expect(builtinsAfter(`await import(${JSON.stringify(READ_PDF)})`)).toBe('true true true')
  })

  it('are the natives again once the worker bundle is loaded and restored, as the worker does', () => {
    const script = `const { restoreNativeBuiltins } = await import(${JSON.stringify(NATIVES)})
await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
restoreNativeBuiltins()`
    expect(builtinsAfter(script)).toBe('true true true')
  })

  it('would not be without the restore (the polyfills are still there to undo)', () => {
    expect(builtinsAfter(`await import('pdfjs-dist/legacy/build/pdf.mjs')`)).toBe(
      'false false false',
    )
  })
})
