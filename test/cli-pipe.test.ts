// A reader that stops early (`mailward detect --categories | head -2`) gets what it read, and
// mailward exits quietly instead of printing an EPIPE stack.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../bin/mailward.js', import.meta.url))

function readFirstChunk(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

describe('output to a reader that stops reading', () => {
  it('ends detect quietly with success', async () => {
    const text = 'Please charge 4111 1111 1111 1111 today.\n'.repeat(20_000)
    const scratch = mkdtempSync(join(tmpdir(), 'mailward-pipe-'))
    try {
      const file = join(scratch, 'many.txt')
      writeFileSync(file, text)
      const result = await readFirstChunk(['detect', file])
      expect(result.stderr).not.toContain('EPIPE')
      expect(result.code).toBe(0)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})
