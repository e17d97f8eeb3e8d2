import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Command } from 'commander'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { registerDetectCommand } from './detect-command.js'

const dir = mkdtempSync(join(tmpdir(), 'mailward-detect-'))

/** Runs `mailward detect …args` in-process and returns what it printed. */
async function detect(args: string[]): Promise<string> {
  const printed: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk))
    return true
  })

  const program = new Command().exitOverride()
  registerDetectCommand(program)
  await program.parseAsync(['node', 'mailward', 'detect', ...args])

  return printed.join('')
}

function fileWith(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('mailward detect', () => {
  it('answers each JSON line with findings whose offsets point into the original text', async () => {
    const texts = ['card ４１１１ 1111 \u200b1111 1111 thanks', 'nothing here']
    const input = texts.map((text, i) => JSON.stringify({ id: `m${i}`, text })).join('\n')

    const out = await detect(['--jsonl', fileWith('in.jsonl', input)])
    const rows = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; findings: { start: number; end: number }[] })

    expect(rows.map((r) => r.id)).toEqual(['m0', 'm1'])
    const [card] = rows[0]?.findings ?? []
    expect(texts[0]?.slice(card?.start, card?.end)).toBe('４１１１ 1111 \u200b1111 1111')
    expect(rows[1]?.findings).toEqual([])
  })

  it('names the line, not its content, when a JSON line has no text', async () => {
    const input = `${JSON.stringify({ id: 1, text: 'ok' })}\n${JSON.stringify({ id: 2, body: 'secret' })}`

    await expect(detect(['--jsonl', fileWith('bad.jsonl', input)])).rejects.toThrow(
      /^line 2: "text" must be a string$/,
    )
  })

  it('prints masked samples, never the value, with --json', async () => {
    const out = await detect(['--json', fileWith('card.txt', 'pay 4111 1111 1111 1111 now')])

    expect(out).toContain('4111 **** **** 1111')
    expect(out).not.toContain('4111 1111 1111 1111')
    expect(out).not.toContain('4111111111111111')
  })

  it('lists the category ids it reports with --categories', async () => {
    const ids = (await detect(['--categories'])).trim().split('\n')

    expect(ids).toContain('CREDIT_CARD')
    expect(ids).toContain('PRIVATE_KEY')
    expect(ids).toContain('IMEI')
    expect(ids).toHaveLength(64) // the 63 of tiers P0 and P1, and IMEI
  })

  it('reads national phone numbers in the regions given by --phone-regions', async () => {
    const file = fileWith('phone.txt', 'call 9171234567')

    expect(await detect([file, '--phone-regions', 'IN'])).toContain('PHONE_NUMBER')
    expect(await detect([file, '--phone-regions', 'PH'])).toBe('no findings\n')
  })
})
