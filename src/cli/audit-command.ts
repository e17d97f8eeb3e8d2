// `mailward audit verify|export`: checking the hash chain of the audit log, and handing its
// rows to a SIEM as JSON lines.
import { closeSync, openSync, writeSync } from 'node:fs'
import type { Command } from 'commander'
import { verifyAudit } from '../store/index.js'
import type { AuditEntry, Store } from '../store/types.js'
import { CliError, EXIT, loadConfigOrFail, openStoreOrFail } from './shared.js'

interface AuditFlags {
  config?: string
  data?: string
  json?: boolean
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log')

  audit
    .command('verify')
    .description('check every row against its hash and the chain; name the first bad row')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .option('--json', 'print JSON')
    .action(async (flags: AuditFlags) => {
      await withStore(flags, async (store) => {
        const verdict = await verifyAudit(store)
        if (flags.json === true) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`)
        else if (verdict.ok) {
          process.stdout.write(
            `audit log intact: ${verdict.rows} rows, last seq ${verdict.lastSeq}, ` +
              `head ${verdict.head}\n`,
          )
        } else {
          process.stdout.write(
            `audit log BROKEN at seq ${verdict.seq}: ${verdict.message} [${verdict.problem}]\n`,
          )
        }
        if (!verdict.ok) process.exitCode = EXIT.failed
      })
    })

  audit
    .command('export')
    .description('write audit rows as JSON lines (one object per row) for a SIEM')
    .option('--from-seq <n>', 'start at this sequence number (default 1)')
    .option('--out <file>', 'append to this file instead of standard output')
    .option('--config <file>', 'configuration file')
    .option('--data <dir>', 'data folder')
    .action(async (flags: AuditFlags & { fromSeq?: string; out?: string }) => {
      const fromSeq = flags.fromSeq === undefined ? 1 : parseSeq(flags.fromSeq)
      await withStore(flags, async (store) => {
        const lines = (await store.auditLog(fromSeq)).map((entry) => `${jsonLine(entry)}\n`)
        writeOut(lines.join(''), flags.out)
        if (flags.out !== undefined) {
          process.stderr.write(`${lines.length} rows appended to ${flags.out}\n`)
        }
      })
    })
}

/** One row as a SIEM reads it: ISO time, the stored detail, and both hashes to re-check. */
function jsonLine(entry: AuditEntry): string {
  return JSON.stringify({
    seq: entry.seq,
    at: entry.at.toISOString(),
    event: entry.event,
    ref: entry.ref ?? null,
    actor: entry.actor,
    detail: entry.detail,
    prevHash: entry.prevHash,
    hash: entry.hash,
  })
}

function writeOut(text: string, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text)
    return
  }
  const fd = openSync(file, 'a', 0o600)
  try {
    const bytes = Buffer.from(text, 'utf8')
    let offset = 0
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
  } finally {
    closeSync(fd)
  }
}

function parseSeq(value: string): number {
  const seq = Number(value)
  if (!Number.isInteger(seq) || seq < 1) {
    throw new CliError(
      `--from-seq must be a whole number of at least 1 (got "${value}")`,
      EXIT.usage,
    )
  }
  return seq
}

async function withStore(flags: AuditFlags, work: (store: Store) => Promise<void>): Promise<void> {
  const store = openStoreOrFail(loadConfigOrFail(flags))
  try {
    await work(store)
  } finally {
    await store.close()
  }
}
