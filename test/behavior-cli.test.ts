// `mailward replay` and `mailward baseline learn|show` as an operator runs them (compiled CLI).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailward } from './helpers/cli.js'

let dir: string
let sends: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailward-behavior-cli-'))
  const send = (to: string, name: string, day: number) => ({
    from: 'judy@corp.example',
    from_name: 'Judy Townsend',
    to: [{ address: to, name }],
    date: new Date(Date.UTC(2024, 0, 1 + day + 2 * Math.floor(day / 5), 10)).toISOString(),
    subject: 'Figures',
    body: 'See you Tuesday.',
    message_id: `send-${day}`,
  })
  const lines = Array.from({ length: 12 }, (_, day) =>
    send('marta.lopez@partner.example', 'Marta Lopez', day),
  )
  lines.push(send('martin.lopez@partner.example', 'Martin Lopez', 12))
  sends = join(dir, 'sends.jsonl')
  writeFileSync(sends, lines.map((line) => JSON.stringify(line)).join('\n'))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('mailward replay', () => {
  it('prints one JSON line per message with its action, risk and reasons', async () => {
    const result = await mailward(['replay', sends, '--internal', 'corp.example', '--jsonl'])
    expect(result.code).toBe(0)

    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(13)
    expect(Object.keys(lines[0] ?? {})).toEqual([
      'message_id',
      'action',
      'risk',
      'reasons',
      'risk_factors',
    ])
    expect(lines[0]).toMatchObject({ message_id: 'send-0', action: 'release', reasons: [] })
    for (const line of lines) {
      expect(line.risk).toBeGreaterThanOrEqual(0)
      expect(line.risk).toBeLessThanOrEqual(1)
    }
    expect(lines[12]).toMatchObject({
      message_id: 'send-12',
      action: 'justify',
      reasons: [{ code: 'lookalike-recipient', signals: ['lookalike-recipient'] }],
    })
    // The model agrees with the rule: its strongest factor is the same signal.
    const factors = lines[12]?.risk_factors as { feature: string }[]
    expect(factors[0]?.feature).toBe('signal.lookalike-recipient')
  })

  it.each([
    ['a path that does not exist', ['replay', '/nonexistent/sends.jsonl'], /not found/],
    ['an unknown format', ['replay', '/bin/sh'], /unknown format/],
  ])('refuses %s with exit code 2', async (_label, args, message) => {
    const result = await mailward([...args, '--jsonl'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })

  it('names the JSONL line it cannot read', async () => {
    const bad = join(dir, 'bad.jsonl')
    writeFileSync(bad, '{"from": "a@corp.example", "date": "2024-01-01T10:00:00Z"}\n{oops\n')
    const result = await mailward(['replay', bad, '--jsonl'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('bad.jsonl line 2: not valid JSON')
  })
})

describe('mailward baseline', () => {
  it('learns a history and shows what it knows about the sender', async () => {
    const data = join(dir, 'data')
    const learned = await mailward(['baseline', 'learn', sends, '--data', data])
    expect(learned.code).toBe(0)
    expect(learned.stdout).toContain('learned 13 of 13 sends from 1 sender')

    const shown = await mailward([
      'baseline',
      'show',
      'Judy@corp.example',
      '--data',
      data,
      '--json',
    ])
    expect(shown.code).toBe(0)
    const summary = JSON.parse(shown.stdout) as {
      sends: number
      name: string
      recipients: { address: string; count: number }[]
    }
    expect(summary.sends).toBe(13)
    expect(summary.name).toBe('Judy Townsend')
    expect(summary.recipients.slice(0, 2)).toMatchObject([
      { address: 'marta.lopez@partner.example', count: 12 },
      { address: 'martin.lopez@partner.example', count: 1 },
    ])

    const text = await mailward(['baseline', 'show', 'judy@corp.example', '--data', data])
    expect(text.stdout).toContain('13 sends from 2024-01-01')
  })

  it('says when nothing is known about a sender', async () => {
    const data = join(dir, 'data')
    const result = await mailward(['baseline', 'show', 'nobody@corp.example', '--data', data])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nothing is known about nobody@corp.example')
  })
})
