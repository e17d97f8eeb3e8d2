// The audit table: append-only rows, each hashed together with the previous row's hash, so an
// edited, inserted or deleted row breaks the chain (audit-chain.ts verifies it).
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { AuditEntry } from './types.js'

interface AuditRow {
  seq: number
  at: number
  event: string
  ref: string | null
  actor: string
  detail: string
  prev_hash: string
  hash: string
}

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64)

/** What a row's hash covers: the previous hash and every column but seq and the hash itself. */
export interface AuditContent {
  readonly at: number
  readonly event: string
  readonly ref: string | null
  readonly actor: string
  /** The detail exactly as stored (JSON text). */
  readonly detail: string
}

/** SHA-256 of an audit row's content chained to the previous row's hash. */
export function auditHash(prevHash: string, row: AuditContent): string {
  const canonical = JSON.stringify([prevHash, row.at, row.event, row.ref, row.actor, row.detail])
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Appends one row. Call inside an IMMEDIATE transaction: reading the last hash and inserting
 * must not interleave with another process doing the same.
 */
export function appendAudit(
  db: Database.Database,
  event: string,
  ref: string | undefined,
  actor: string,
  detail: unknown,
  at: number = Date.now(),
): void {
  const last = db.prepare('SELECT hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { hash: string } | undefined
  const prevHash = last?.hash ?? GENESIS_HASH
  const row: AuditContent = { at, event, ref: ref ?? null, actor, detail: JSON.stringify(detail) }
  db.prepare(
    `INSERT INTO audit (at, event, ref, actor, detail, prev_hash, hash)
     VALUES (@at, @event, @ref, @actor, @detail, @prevHash, @hash)`,
  ).run({ ...row, prevHash, hash: auditHash(prevHash, row) })
}

export function readAudit(db: Database.Database, fromSeq: number): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(fromSeq)
  return (rows as AuditRow[]).map(toEntry)
}

export function readAuditFor(db: Database.Database, ref: string): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit WHERE ref = ? ORDER BY seq').all(ref)
  return (rows as AuditRow[]).map(toEntry)
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: new Date(row.at),
    event: row.event,
    ref: row.ref ?? undefined,
    actor: row.actor,
    detail: JSON.parse(row.detail) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/**
 * The last sequence number SQLite handed out (AUTOINCREMENT keeps it in sqlite_sequence even
 * when the rows are deleted), so that removing the newest rows shows as a gap.
 */
export function auditHighWater(db: Database.Database): number {
  const row = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").get() as
    { seq: number } | undefined
  return row?.seq ?? 0
}
