// The relay_state table: what a relay records about itself at start for the CLI on the same
// data folder to read (today only the next hop it delivers to).
import type Database from 'better-sqlite3'
import type { RecordedNextHop } from './types.js'

const NEXT_HOP = 'next-hop'

export function recordNextHop(db: Database.Database, address: string, at: Date): void {
  db.prepare(
    `INSERT INTO relay_state (name, value, at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, at = excluded.at`,
  ).run(NEXT_HOP, address, at.getTime())
}

export function recordedNextHop(db: Database.Database): RecordedNextHop | undefined {
  const row = db.prepare('SELECT value, at FROM relay_state WHERE name = ?').get(NEXT_HOP) as
    { value: string; at: number } | undefined
  return row === undefined ? undefined : { address: row.value, at: new Date(row.at) }
}
