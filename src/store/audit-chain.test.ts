import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openSqliteStore } from './sqlite-store.js'
import { verifyAudit } from './audit-chain.js'

async function logOfFive(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mailward-audit-'))
  const store = openSqliteStore(dir)
  for (let n = 1; n <= 5; n++) await store.audit('test.event', `mw-${n}`, 'op', { n })
  await store.close()
  return dir
}

async function verdictAfter(dir: string, tamper: (db: Database.Database) => void) {
  const db = new Database(join(dir, 'mailward.db'))
  tamper(db)
  db.close()
  const store = openSqliteStore(dir)
  try {
    return await verifyAudit(store)
  } finally {
    await store.close()
  }
}

describe('audit chain', () => {
  it('verifies an untouched log and reports its head', async () => {
    const verdict = await verdictAfter(await logOfFive(), () => undefined)
    expect(verdict).toMatchObject({ ok: true, rows: 5, lastSeq: 5 })
    expect(verdict.ok && verdict.head).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each([
    ['an edited actor', "UPDATE audit SET actor = 'someone-else' WHERE seq = 3", 3, 'row-edited'],
    ['an edited detail', `UPDATE audit SET detail = '{"n":9}' WHERE seq = 2`, 2, 'row-edited'],
    ['a deleted row', 'DELETE FROM audit WHERE seq = 2', 2, 'rows-missing'],
    ['deleted first rows', 'DELETE FROM audit WHERE seq <= 2', 1, 'rows-missing'],
    ['a deleted tail', 'DELETE FROM audit WHERE seq >= 4', 4, 'tail-missing'],
    [
      'a row whose hash was recomputed',
      'UPDATE audit SET hash = (SELECT hash FROM audit WHERE seq = 1) WHERE seq = 3',
      3,
      'row-edited',
    ],
  ])('names the first bad row after %s', async (_label, sql, seq, problem) => {
    const verdict = await verdictAfter(await logOfFive(), (db) => db.exec(sql))
    expect(verdict).toMatchObject({ ok: false, seq, problem })
  })

  it('sees a row replaced with a self-consistent copy as a break in the chain', async () => {
    const dir = await logOfFive()
    const verdict = await verdictAfter(dir, (db) => {
      // Row 4 replaced by a copy of row 2 with seq 4: its own hash still matches its content.
      db.exec('DELETE FROM audit WHERE seq = 4')
      db.exec(`INSERT INTO audit (seq, at, event, ref, actor, detail, prev_hash, hash)
        SELECT 4, at, event, ref, actor, detail, prev_hash, hash FROM audit WHERE seq = 2`)
    })
    expect(verdict).toMatchObject({ ok: false, seq: 4, problem: 'chain-broken' })
  })
})
