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

  // 2: the justification loop. Per-recipient state (release to some recipients, keep holding
  // for others); the justify deadline and what the sender wrote; the tenant the message came
  // from (a reply must come from the same one); the operator's narrative; the send's behaviour
  // observation, learned once the message is released. Existing rows get one recipient row
  // per envelope recipient; sends released before this version count as learned.
  `
  ALTER TABLE quarantine ADD COLUMN tenant_id TEXT;
  ALTER TABLE quarantine ADD COLUMN justify_deadline INTEGER;
  ALTER TABLE quarantine ADD COLUMN justify_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE quarantine ADD COLUMN justification TEXT;
  ALTER TABLE quarantine ADD COLUMN justified_at INTEGER;
  ALTER TABLE quarantine ADD COLUMN narrative TEXT;
  ALTER TABLE quarantine ADD COLUMN observation TEXT;
  CREATE INDEX quarantine_deadline ON quarantine (status, justify_deadline);
  CREATE INDEX quarantine_resolved ON quarantine (status, resolved_at);

  CREATE TABLE quarantine_recipient (
    quarantine_id TEXT NOT NULL REFERENCES quarantine (id),
    position INTEGER NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    outbox_id INTEGER REFERENCES outbox (id),
    resolved_at INTEGER,
    resolved_by TEXT,
    learned_at INTEGER,
    PRIMARY KEY (quarantine_id, position)
  );
  CREATE INDEX quarantine_recipient_unlearned ON quarantine_recipient (status, learned_at);

  INSERT INTO quarantine_recipient
    (quarantine_id, position, address, status, resolved_at, resolved_by, learned_at)
  SELECT q.id, r.key, r.value,
    CASE q.status WHEN 'released' THEN 'released' WHEN 'rejected' THEN 'rejected' ELSE 'pending' END,
    q.resolved_at, q.resolved_by, q.resolved_at
  FROM quarantine AS q, json_each(q.recipients) AS r;

  CREATE INDEX outbox_quarantine ON outbox (quarantine_id);
  CREATE INDEX audit_ref ON audit (ref);
  `,

  // 3: what the relay serving this store recorded about itself when it started, one row per
  // name: the next hop it delivers to, so that the CLI on the same data folder delivers there
  // too instead of wherever its own configuration points.
  `
  CREATE TABLE relay_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  `,

  // 4: outbox items about a message that is not in quarantine. A forwarded message that the
  // next hop refused for some recipients with a 4xx is kept here, its raw bytes in the item,
  // and retried for them (kind 'forward'); its notices carry the same reference.
  `
  ALTER TABLE outbox ADD COLUMN message_ref TEXT;
  `,

  // 5: when an outbox item was given up, and when the sweep purged its bytes. A given-up item
  // keeps its raw bytes for `outbox retry` until quarantine.retentionDays have passed; then the
  // bytes go and the row stays, as the record of what was not delivered. Items given up before
  // this migration count from their last planned attempt.
  `
  ALTER TABLE outbox ADD COLUMN failed_at INTEGER;
  ALTER TABLE outbox ADD COLUMN purged_at INTEGER;
  UPDATE outbox SET failed_at = next_attempt_at WHERE status = 'failed';
  CREATE INDEX outbox_failed ON outbox (status, failed_at);
  `,
]
