import { describe, expect, it } from 'vitest'
import { replyFor, type Outcome } from './replies.js'

describe('replyFor', () => {
  it.each<[Outcome, number, string]>([
    [{ kind: 'forwarded', ref: 'mw-a' }, 250, '2.0.0'],
    [{ kind: 'held', ref: 'mw-a' }, 250, '2.0.0'],
    [{ kind: 'next-hop-unavailable', ref: 'mw-a' }, 451, '4.4.1'],
    [{ kind: 'next-hop-refused', ref: 'mw-a', code: 550 }, 550, '5.0.0'],
    [{ kind: 'next-hop-refused', ref: 'mw-a', code: 421 }, 554, '5.0.0'],
    [{ kind: 'inspection-failed', ref: 'mw-a' }, 451, '4.3.0'],
    [{ kind: 'too-big', ref: 'mw-a', limit: 10 }, 552, '5.3.4'],
    [{ kind: 'bare-line-ending', ref: 'mw-a' }, 554, '5.6.0'],
    [{ kind: 'tenant-refused', ref: 'mw-a' }, 550, '5.7.1'],
  ])('maps %j to %i %s with the reference', (outcome, code, enhanced) => {
    const reply = replyFor(outcome)
    expect(reply.code).toBe(code)
    expect(reply.enhanced).toBe(enhanced)
    expect(reply.text).toContain('(ref mw-a)')
  })
})
