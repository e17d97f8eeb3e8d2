// Schema of baselines.db, versioned with user_version. Append new steps; never edit one shipped.
//
// Counters are updated in SQL (count = count + 1) rather than written back from memory, so the
// relay and a concurrent `mailward baseline learn` never overwrite each other's counts.

export const BASELINE_MIGRATIONS: readonly string[] = [
  // 1: senders, their recipients, groups and hours; organisation-wide domains, hours, volumes.
  `
  CREATE TABLE sender (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sends INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    rcpt_sum REAL NOT NULL, rcpt_sq REAL NOT NULL, rcpt_max REAL NOT NULL,
    att_sum REAL NOT NULL, att_sq REAL NOT NULL, att_max REAL NOT NULL,
    find_sum REAL NOT NULL, find_sq REAL NOT NULL, find_max REAL NOT NULL
  );

  CREATE TABLE recipient (
    sender_id INTEGER NOT NULL,
    address TEXT NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (sender_id, address)
  ) WITHOUT ROWID;

  CREATE TABLE sender_group (
    sender_id INTEGER NOT NULL,
    members TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (sender_id, members)
  ) WITHOUT ROWID;

  CREATE TABLE sender_hour (
    sender_id INTEGER NOT NULL,
    hour INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (sender_id, hour)
  ) WITHOUT ROWID;

  CREATE TABLE org_domain (
    domain TEXT PRIMARY KEY,
    sends INTEGER NOT NULL,
    senders INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE org_hour (hour INTEGER PRIMARY KEY, count INTEGER NOT NULL);

  CREATE TABLE org_stat (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sends INTEGER NOT NULL,
    senders INTEGER NOT NULL,
    rcpt_sum REAL NOT NULL, rcpt_sq REAL NOT NULL, rcpt_max REAL NOT NULL,
    att_sum REAL NOT NULL, att_sq REAL NOT NULL, att_max REAL NOT NULL,
    find_sum REAL NOT NULL, find_sq REAL NOT NULL, find_max REAL NOT NULL
  );
  INSERT INTO org_stat VALUES (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  `,
  // 2: how often a sender's group sends repeat an earlier group (odd-group-member is quiet for
  // senders whose groups change all the time), and outside addresses visible in To/Cc.
  `
  ALTER TABLE sender ADD COLUMN group_sends INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sender ADD COLUMN repeat_group_sends INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sender ADD COLUMN vis_sum REAL NOT NULL DEFAULT 0;
  ALTER TABLE sender ADD COLUMN vis_sq REAL NOT NULL DEFAULT 0;
  ALTER TABLE sender ADD COLUMN vis_max REAL NOT NULL DEFAULT 0;
  ALTER TABLE org_stat ADD COLUMN vis_sum REAL NOT NULL DEFAULT 0;
  ALTER TABLE org_stat ADD COLUMN vis_sq REAL NOT NULL DEFAULT 0;
  ALTER TABLE org_stat ADD COLUMN vis_max REAL NOT NULL DEFAULT 0;
  `,
]
