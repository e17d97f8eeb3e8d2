import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { learnReleasedSend } from '../behavior/index.js'
import { loadConfig, type Config } from '../config/index.js'
import { readHistory } from './history/read-history.js'
import {
  LEARN_DELIVERED,
  LEARN_JUSTIFIED,
  replayHistory,
  type LearnRule,
  type ReplayStep,
} from './replay-history.js'
import { closeReplayContext, openReplayContext } from './replay-command.js'

let dir: string
let config: Config

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailward-replay-'))
  const loaded = loadConfig(undefined)
  if (!loaded.ok) throw new Error('default configuration does not load')
  config = { ...loaded.config, internalDomains: ['corp.example'] }
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Twelve weekday sends to Marta, then two to Martin (the autocomplete mistake, twice). */
function history(): string {
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
  lines.push(send('martin.lopez@partner.example', 'Martin Lopez', 13))
  const path = join(dir, 'sends.jsonl')
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'))
  return path
}

async function replay(learns: LearnRule): Promise<ReplayStep[]> {
  const ctx = await openReplayContext(config, join(dir, 'data'))
  const steps: ReplayStep[] = []
  try {
    for await (const step of replayHistory(readHistory([history()]).entries, ctx, learns)) {
      steps.push(step)
    }
  } finally {
    await closeReplayContext(ctx)
  }
  return steps
}

const actions = (steps: readonly ReplayStep[]) =>
  steps.map((step) => (step.kind === 'decided' ? step.verdict.decision.action : 'failed'))

describe('replayHistory', () => {
  it('learns only what the relay delivers, so a held mistake is asked about again', async () => {
    const steps = await replay(LEARN_DELIVERED)
    expect(actions(steps).slice(-3)).toEqual(['release', 'justify', 'justify'])
    expect(steps.filter((step) => step.kind === 'decided' && step.learned)).toHaveLength(12)
  })

  it('learns a justified send when told the sender justified it', async () => {
    const steps = await replay(LEARN_JUSTIFIED)
    expect(actions(steps).slice(-3)).toEqual(['release', 'justify', 'release'])
  })

  it("gives the reason in the sender's words", async () => {
    const steps = await replay(LEARN_DELIVERED)
    const last = steps.at(-1)
    const reason = last?.kind === 'decided' ? last.verdict.decision.reasons[0] : undefined
    expect(reason).toMatchObject({ code: 'lookalike-recipient', signals: ['lookalike-recipient'] })
    expect(reason?.text).toContain('you write to a similar address, marta.lopez@partner.example')
  })
})

describe('learnReleasedSend', () => {
  it('learns a held send once released, so its recipient is not asked about again', async () => {
    const entries = readHistory([history()]).entries
    const ctx = await openReplayContext(config, join(dir, 'data'))
    try {
      const steps: ReplayStep[] = []
      for await (const step of replayHistory(entries.slice(0, 13), ctx, LEARN_DELIVERED)) {
        steps.push(step)
      }
      const held = steps.at(-1)
      if (held?.kind !== 'decided') throw new Error('the Martin send was not decided')
      expect(held.verdict.decision.action).toBe('justify')

      const learned = await learnReleasedSend(
        {
          sender: held.message.envelope.mailFrom,
          recipients: held.message.envelope.rcptTo,
          receivedAt: held.entry.at,
          raw: held.message.raw,
        },
        ctx,
      )
      expect(learned).toBe(true)

      const after: ReplayStep[] = []
      for await (const step of replayHistory(entries.slice(13), ctx, LEARN_DELIVERED)) {
        after.push(step)
      }
      expect(actions(after)).toEqual(['release'])
    } finally {
      await closeReplayContext(ctx)
    }
  })
})
