// Versioned schema migrations for the SQLite store. Append new steps; never edit a shipped one.

export const MIGRATIONS: readonly string[] = [
  // 1: quarantine, outbox and audit log.
  `
  CREATE TABLE quarantine (
    id TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    size INTEGER NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    message_id TEXT,
    network_message_id TEXT,
    report TEXT NOT NULL,
    spool_file TEXT NOT NULL,
    resolved_at INTEGER,
    resolved_by TEXT,
    resolution_note TEXT
  );
  CREATE INDEX quarantine_status ON quarantine (status, received_at);
  CREATE INDEX quarantine_network_id ON quarantine (network_message_id);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    quarantine_id TEXT REFERENCES quarantine (id),
    mail_from TEXT NOT NULL,
    rcpt_to TEXT NOT NULL,
    raw BLOB,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    ref TEXT,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  `,
]
