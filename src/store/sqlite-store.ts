// The embedded store: SQLite in WAL mode with full fsync, shared safely by `serve` and the CLI.
// The tables live in sqlite-quarantine.ts, sqlite-outbox.ts and sqlite-audit.ts; this class
// opens the database, runs migrations and puts the Store interface over them.
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.js'
import { Spool } from './spool.js'
import { appendAudit, auditHighWater, readAudit, readAuditFor } from './sqlite-audit.js'
import * as outbox from './sqlite-outbox.js'
import * as quarantine from './sqlite-quarantine.js'
import * as relayState from './sqlite-relay-state.js'
import type {
  AuditEntry,
  NewOutboxItem,
  NewQuarantineEntry,
  OutboxItem,
  OutboxStatus,
  PurgeResult,
  QuarantineFilter,
  QuarantineRecord,
  RecordedNextHop,
  Resolution,
  Store,
  TransitionResult,
  UnlearnedRelease,
} from './types.js'

export { auditHash } from './sqlite-audit.js'

const DATABASE_FILE = 'mailward.db'

/**
 * Opens (creating and migrating when needed) the store in `dataDir`.
 *
 * @example
 * const store = openSqliteStore('./data')
 * await store.listQuarantined({ status: 'held' })
 */
export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  return openDatabase(dataDir, new Database(join(dataDir, DATABASE_FILE)))
}

/** Why there is no store to open in a folder. */
export type MissingStore = 'no-folder' | 'not-a-folder' | 'no-store'

export type ExistingStore =
  | { readonly ok: true; readonly store: Store }
  | { readonly ok: false; readonly problem: MissingStore }

/**
 * Opens the store a relay created in `dataDir`, creating nothing: a mistyped folder must not
 * become an empty store that answers "nothing here". Migrations still run on a store an
 * older version wrote, as they do at the relay's start.
 *
 * @example
 * const opened = openExistingSqliteStore('/var/lib/mailward')
 * if (!opened.ok) console.error(opened.problem) // 'no-store'
 */
export function openExistingSqliteStore(dataDir: string): ExistingStore {
  if (!existsSync(dataDir)) return { ok: false, problem: 'no-folder' }
  if (!statSync(dataDir).isDirectory()) return { ok: false, problem: 'not-a-folder' }
  const file = join(dataDir, DATABASE_FILE)
  if (!existsSync(file)) return { ok: false, problem: 'no-store' }

  const db = new Database(file, { fileMustExist: true })
  if (!isMigrated(db)) {
    db.close()
    return { ok: false, problem: 'no-store' }
  }
  return { ok: true, store: openDatabase(dataDir, db) }
}

/** False for a database no relay ever migrated, or a file of that name that is no database. */
function isMigrated(db: Database.Database): boolean {
  try {
    return (db.pragma('user_version', { simple: true }) as number) > 0
  } catch (error) {
    // SQLITE_NOTADB and the like: whatever the file is, it is not a store we wrote.
    if (error instanceof Database.SqliteError) return false
    throw error
  }
}

function openDatabase(dataDir: string, db: Database.Database): Store {
  // WAL lets the CLI read and write while `serve` runs; synchronous=FULL fsyncs each commit,
  // which the no-loss rule needs before a 250; busy_timeout waits for the other process's lock.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 10000')
  db.pragma('foreign_keys = ON')
  migrate(db)

  return new SqliteStore(db, new Spool(join(dataDir, 'spool')))
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
}

// better-sqlite3 is synchronous; each method does its work and returns a settled promise so
// that the interface stays the same for an asynchronous (PostgreSQL) implementation.
class SqliteStore implements Store {
  constructor(
    private readonly db: Database.Database,
    private readonly spool: Spool,
  ) {}

  quarantine(entry: NewQuarantineEntry): Promise<void> {
    return attempt(() => {
      const spoolFile = `${entry.id}.eml`
      // The bytes are durable before the row that points at them is committed.
      this.spool.write(spoolFile, entry.raw)
      quarantine.insertQuarantine(this.db, entry, spoolFile)
    })
  }

  findByNetworkMessageId(networkMessageId: string): Promise<QuarantineRecord[]> {
    return attempt(() => quarantine.findByNetworkMessageId(this.db, networkMessageId))
  }

  getQuarantined(id: string): Promise<QuarantineRecord | undefined> {
    return attempt(() => quarantine.getRecord(this.db, id))
  }

  listQuarantined(filter: QuarantineFilter): Promise<QuarantineRecord[]> {
    return attempt(() => quarantine.listRecords(this.db, filter))
  }

  readRaw(id: string): Promise<Buffer> {
    return attempt(() => {
      const file = quarantine.spoolFileOf(this.db, id)
      if (file === undefined) throw new Error(`no quarantined message ${id}`)
      return this.spool.read(file)
    })
  }

  release(id: string, resolution: Resolution): Promise<TransitionResult> {
    return attempt(() => quarantine.resolveRecipients(this.db, id, 'released', resolution))
  }

  reject(id: string, resolution: Resolution): Promise<TransitionResult> {
    return attempt(() => quarantine.resolveRecipients(this.db, id, 'rejected', resolution))
  }

  expire(
    id: string,
    at: Date,
    notices: readonly NewOutboxItem[],
    actor: string,
  ): Promise<TransitionResult> {
    return attempt(() =>
      quarantine.resolveRecipients(this.db, id, 'expired', { actor, at, note: undefined, notices }),
    )
  }

  listExpired(at: Date): Promise<QuarantineRecord[]> {
    return attempt(() => quarantine.listExpired(this.db, at))
  }

  refuseJustification(
    id: string,
    actor: string,
    detail: Record<string, unknown>,
    notices: readonly NewOutboxItem[],
  ): Promise<number> {
    return attempt(() => quarantine.refuseJustification(this.db, id, actor, detail, notices))
  }

  purge(id: string, actor: string): Promise<PurgeResult> {
    return attempt(() => {
      const file = quarantine.spoolFileOf(this.db, id)
      const result = quarantine.purgeRecords(this.db, id, actor)
      // After the commit: a crash in between leaves an orphan file, never a record without it.
      if (result.ok && file !== undefined) this.spool.remove(file)
      return result
    })
  }

  unlearnedReleases(limit: number): Promise<UnlearnedRelease[]> {
    return attempt(() => quarantine.unlearnedReleases(this.db, limit))
  }

  markLearned(id: string, positions: readonly number[]): Promise<void> {
    return attempt(() => quarantine.markLearned(this.db, id, positions))
  }

  enqueue(item: NewOutboxItem): Promise<number> {
    return attempt(() => outbox.insertOutbox(this.db, item))
  }

  claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    return attempt(() => outbox.claimDue(this.db, now, leaseMs, limit))
  }

  claimById(id: number, now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    return attempt(() => outbox.claimById(this.db, id, now, leaseMs))
  }

  outboxPayload(item: OutboxItem): Promise<Buffer> {
    return attempt(() => {
      if (item.kind === 'release' && item.quarantineId !== undefined) {
        const file = quarantine.spoolFileOf(this.db, item.quarantineId)
        if (file === undefined) throw new Error(`no quarantined message ${item.quarantineId}`)
        return this.spool.read(file)
      }
      const raw = outbox.outboxRaw(this.db, item.id)
      if (raw === undefined) throw new Error(`outbox item ${item.id} has no payload`)
      return raw
    })
  }

  markSent(
    id: number,
    detail: Record<string, unknown> = {},
    notices: readonly NewOutboxItem[] = [],
  ): Promise<void> {
    return attempt(() => outbox.markSent(this.db, id, detail, notices))
  }

  markRetry(
    id: number,
    error: string,
    nextAttemptAt: Date,
    giveUp: boolean,
    notices: readonly NewOutboxItem[] = [],
  ): Promise<void> {
    return attempt(() => outbox.markRetry(this.db, id, error, nextAttemptAt, giveUp, notices))
  }

  markPartlySent(
    id: number,
    remaining: readonly string[],
    error: string,
    nextAttemptAt: Date,
    detail: Record<string, unknown>,
    notices: readonly NewOutboxItem[],
  ): Promise<void> {
    return attempt(() =>
      outbox.markPartlySent(this.db, id, remaining, error, nextAttemptAt, detail, notices),
    )
  }

  reviveOutbox(id: number, now: Date, actor: string): Promise<boolean> {
    return attempt(() => outbox.reviveOutbox(this.db, id, now, actor))
  }

  purgeFailedOutbox(before: Date, limit: number, now = new Date()): Promise<number[]> {
    return attempt(() => outbox.purgeFailedOutbox(this.db, before, limit, now.getTime()))
  }

  getOutbox(id: number): Promise<OutboxItem | undefined> {
    return attempt(() => outbox.getOutbox(this.db, id))
  }

  listOutbox(status?: OutboxStatus): Promise<OutboxItem[]> {
    return attempt(() => outbox.listOutbox(this.db, status))
  }

  audit(event: string, ref: string | undefined, actor: string, detail: unknown): Promise<void> {
    return attempt(() => {
      this.db.transaction(() => appendAudit(this.db, event, ref, actor, detail)).immediate()
    })
  }

  auditLog(fromSeq = 1): Promise<AuditEntry[]> {
    return attempt(() => readAudit(this.db, fromSeq))
  }

  auditFor(ref: string): Promise<AuditEntry[]> {
    return attempt(() => readAuditFor(this.db, ref))
  }

  auditHighWater(): Promise<number> {
    return attempt(() => auditHighWater(this.db))
  }

  recordNextHop(address: string, at: Date): Promise<void> {
    return attempt(() => relayState.recordNextHop(this.db, address, at))
  }

  recordedNextHop(): Promise<RecordedNextHop | undefined> {
    return attempt(() => relayState.recordedNextHop(this.db))
  }

  close(): Promise<void> {
    return attempt(() => {
      this.db.close()
    })
  }
}

/** Runs synchronous work; a throw becomes a rejected promise, as an async store would give. */
function attempt<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()))
}
