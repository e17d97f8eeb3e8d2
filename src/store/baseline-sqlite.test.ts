import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BASELINE_MIGRATIONS } from './baseline-schema.js'
import { openBaselineStore } from './baseline-sqlite.js'
import type { SenderBaseline, SendObservation } from './baseline-types.js'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailward-baselines-'))
})

afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

function observation(to: string[], sender = 'alice@corp.example'): SendObservation {
  return {
    sender,
    senderName: 'Alice',
    at: new Date('2024-01-02T10:00:00Z'),
    hourOfWeek: 34,
    recipients: to.map((address) => ({
      address,
      domain: address.slice(address.indexOf('@') + 1),
      name: '',
    })),
    attachments: 0,
    attachmentBytes: 0,
    findings: 0,
    visibleExternal: to.length,
  }
}

describe('baseline store', () => {
  it('counts groups and their repeats, and visible outside addresses', async () => {
    const store = openBaselineStore(dir, { cacheSenders: 10 })
    await store.learn(observation(['a@x.example', 'b@y.example']))
    await store.learn(observation(['b@y.example', 'a@x.example']))
    await store.learn(observation(['c@z.example']))
    await store.close()

    const again = openBaselineStore(dir, { cacheSenders: 10 })
    const alice = await again.sender('Alice@corp.example')
    expect([alice?.groupSends, alice?.repeatGroupSends]).toEqual([2, 1])
    expect(alice?.volumes.visibleExternal.max).toBe(2)
    expect((await again.org()).domains.get('y.example')).toMatchObject({ sends: 2, senders: 1 })
    await again.close()
  })

  it('sees what another process learned, within a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const relay = openBaselineStore(dir, { cacheSenders: 10 })
    const cli = openBaselineStore(dir, { cacheSenders: 10 })
    expect(await relay.sender('alice@corp.example')).toBeUndefined()

    await cli.learn(observation(['a@x.example']))
    vi.setSystemTime(Date.now() + 1500)
    expect((await relay.sender('alice@corp.example'))?.sends).toBe(1)
    expect((await relay.org()).sends).toBe(1)
    await relay.close()
    await cli.close()
  })

  it('keeps memory and disk in step when a write fails', async () => {
    const store = openBaselineStore(dir, { cacheSenders: 10 })
    await store.learn(observation(['a@x.example']))
    const raw = new Database(join(dir, 'baselines.db'))
    raw.exec(`CREATE TRIGGER refuse BEFORE INSERT ON recipient WHEN NEW.address = 'boom@x.example'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`)
    raw.close()

    await expect(
      store.learnBatch([observation(['b@x.example']), observation(['boom@x.example'])]),
    ).rejects.toThrow('refused')
    const alice = await store.sender('alice@corp.example')
    expect(alice?.sends).toBe(1)
    expect([...(alice?.recipients.keys() ?? [])]).toEqual(['a@x.example'])
    expect((await store.org()).sends).toBe(1)
    await store.close()
  })

  it('learns an observation stored by an older version, without the newer counts', async () => {
    const store = openBaselineStore(dir, { cacheSenders: 10 })
    const old: Record<string, unknown> = { ...observation(['a@x.example']) }
    delete old.visibleExternal
    await store.learn(old as unknown as SendObservation)
    const alice = await store.sender('alice@corp.example')
    expect([alice?.sends, alice?.volumes.visibleExternal.sum]).toEqual([1, 0])
    await store.close()
  })

  it('migrates a version 1 file and keeps what it knew', async () => {
    const raw = new Database(join(dir, 'baselines.db'))
    raw.exec(BASELINE_MIGRATIONS[0] ?? '')
    raw.pragma('user_version = 1')
    raw.exec(`INSERT INTO sender (address, name, sends, first_seen, last_seen, rcpt_sum, rcpt_sq,
      rcpt_max, att_sum, att_sq, att_max, find_sum, find_sq, find_max)
      VALUES ('old@corp.example', 'Old', 3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)`)
    raw.close()

    const store = openBaselineStore(dir, { cacheSenders: 10 })
    const old = await store.sender('old@corp.example')
    expect([old?.sends, old?.groupSends, old?.volumes.visibleExternal.max]).toEqual([3, 0, 0])
    await store.close()
  })

  it('reads back from disk what it held in memory, in primary-key order', async () => {
    const store = openBaselineStore(dir, { cacheSenders: 10 })
    // Names with accents and emoji, an address with a non-ASCII domain, and more groups than a
    // sender keeps (MAX_GROUPS), so that some were dropped.
    for (let n = 0; n < 90; n++) {
      const to = [`p${n % 7}@x.example`, `q${n % 11}@jörg.example`, `r${n % 3}@y.example`]
      const sent = observation(n % 5 === 0 ? to.slice(0, 1) : to)
      await store.learn({
        ...sent,
        at: new Date(Date.UTC(2024, 0, 1 + n, n % 24)),
        hourOfWeek: n % 168,
        recipients: sent.recipients.map((r, i) => ({
          ...r,
          name: n % 4 === i ? '' : `Zoë ${n} 🙂`,
        })),
        attachmentBytes: n * 1000,
        findings: n % 3,
      })
    }
    const live = await store.sender('alice@corp.example')
    await store.close()

    const again = openBaselineStore(dir, { cacheSenders: 10 })
    const read = await again.sender('alice@corp.example')
    await again.close()
    const sorted = <T>(entries: Iterable<[string, T]>) =>
      [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const plain = (baseline: SenderBaseline | undefined) => ({
      ...baseline,
      recipients: sorted(baseline?.recipients ?? []),
      domains: sorted(baseline?.domains ?? []),
      groups: sorted(baseline?.groups ?? []).map(([key, g]) => [key, [...g.members], g.count]),
    })
    expect(read?.groups.size).toBe(64)
    expect(plain(read)).toEqual(plain(live))

    // As before the compact form: recipients and groups in the order SQLite's key gives.
    const raw = new Database(join(dir, 'baselines.db'))
    const keys = (sql: string) => raw.prepare(sql).pluck().all()
    expect([...(read?.recipients.keys() ?? [])]).toEqual(
      keys('SELECT address FROM recipient ORDER BY sender_id, address'),
    )
    expect([...(read?.groups.keys() ?? [])]).toEqual(
      keys('SELECT members FROM sender_group ORDER BY sender_id, members'),
    )
    raw.close()
  })

  it('reads a value SQLite keeps as REAL, as the row read did', async () => {
    const store = openBaselineStore(dir, { cacheSenders: 10 })
    await store.learn(observation(['a@x.example', 'b@x.example']))
    await store.close()
    const raw = new Database(join(dir, 'baselines.db'))
    raw.exec(`UPDATE recipient SET count = 2.5 WHERE address = 'b@x.example'`)
    raw.close()

    const again = openBaselineStore(dir, { cacheSenders: 10 })
    const alice = await again.sender('alice@corp.example')
    expect([alice?.recipients.get('a@x.example')?.count, alice?.domains.get('x.example')]).toEqual([
      1, 3.5,
    ])
    expect(alice?.recipients.get('b@x.example')?.count).toBe(2.5)
    await again.close()
  })
})
