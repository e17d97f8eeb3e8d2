// The operator commands against the wrong data folder and with bad flags: they must refuse
// with exit code 2 before touching anything, never create a folder or an empty store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../src/store/index.js'
import { mailward } from './helpers/cli.js'

const HELD = 'mw-heldbyhand00001'

/** Every command that works on an existing data folder, with the arguments it needs. */
const OPERATOR_COMMANDS: readonly [string, string[]][] = [
  ['quarantine list', ['quarantine', 'list']],
  ['quarantine show', ['quarantine', 'show', HELD]],
  ['quarantine release', ['quarantine', 'release', HELD]],
  ['quarantine reject', ['quarantine', 'reject', HELD]],
  ['quarantine purge', ['quarantine', 'purge', '--dry-run']],
  ['quarantine export', ['quarantine', 'export', HELD]],
  ['outbox list', ['outbox', 'list']],
  ['outbox retry', ['outbox', 'retry']],
  ['audit verify', ['audit', 'verify']],
  ['audit export', ['audit', 'export']],
  ['sweep', ['sweep']],
]

let scratch: string
let store: string

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'mailward-cli-'))
  store = join(scratch, 'data')
  const opened = openSqliteStore(store)
  await opened.quarantine({
    id: HELD,
    receivedAt: new Date(),
    envelope: {
      mailFrom: 'alice@example.com',
      rcptTo: ['desk@partner.example.net'],
      clientAddress: '127.0.0.1',
      heloName: 'x',
      tls: false,
    },
    raw: Buffer.from('Subject: x\r\n\r\ncard 4111 1111 1111 1111\r\n'),
    action: 'hold',
    messageId: undefined,
    networkMessageId: undefined,
    tenantId: undefined,
    report: { reasons: [], counts: {}, findings: [], parts: [] },
    narrative: undefined,
    justifyDeadline: undefined,
    observation: undefined,
    notices: [],
  })
  await opened.close()
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('operator commands on a folder without mailward data', () => {
  // `quarantine list --data /nonexistent/dir` printed "No messages in quarantine match." with
  // exit 0 and created the folder; `audit verify` on a wrong folder said "intact: 0 rows".
  it.each(OPERATOR_COMMANDS)('%s refuses a folder that does not exist', async (_label, args) => {
    const missing = join(scratch, 'typo', 'dir')
    const result = await mailward([...args, '--data', missing])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `mailward: no mailward data in ${missing} (run mailward serve --data ${missing} first, ` +
        'or check the path)\n',
    )
    expect(result.stdout).toBe('')
    expect(existsSync(join(scratch, 'typo'))).toBe(false)
  })

  it('refuses an existing folder that holds no store, and leaves it empty', async () => {
    const empty = mkdtempSync(join(scratch, 'empty-'))
    for (const args of [
      ['quarantine', 'list'],
      ['audit', 'verify'],
    ]) {
      const result = await mailward([...args, '--data', empty])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`no mailward data in ${empty}`)
    }
    expect(readdirSync(empty)).toEqual([])
  })

  // `--data /etc/passwd` failed with exit 1 and a raw EEXIST from mkdir.
  it('refuses a file given as the data folder with a clear message', async () => {
    const result = await mailward(['quarantine', 'list', '--data', '/etc/passwd'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'mailward: /etc/passwd is not a folder; --data names the data folder of mailward serve\n',
    )
  })

  it('serve refuses a file given as its data folder before it starts', async () => {
    const result = await mailward(['serve', '--data', '/etc/passwd', '--listen', '127.0.0.1:0'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      "mailward: /etc/passwd is not a folder; --data names the relay's data folder\n",
    )
  })

  it('still works on the folder a relay made', async () => {
    const result = await mailward(['quarantine', 'list', '--data', store])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(HELD)
  })
})

describe('--next-hop is checked before anything is done', () => {
  // `quarantine release … --next-hop nothostport` committed the release and queued it with
  // "next hop unreachable (EDNS)", exit 0.
  it.each([
    ['quarantine release', 'nothostport', ['quarantine', 'release', HELD]],
    ['quarantine reject', '127.0.0.1:', ['quarantine', 'reject', HELD]],
    ['outbox retry', 'localhost:99999', ['outbox', 'retry']],
    ['sweep', 'host name:25', ['sweep']],
  ])('%s refuses --next-hop "%s" with exit 2', async (_label, address, args) => {
    const result = await mailward([...args, '--next-hop', address, '--data', store])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `mailward: --next-hop must be HOST:PORT, e.g. 127.0.0.1:2526 (got "${address}")\n`,
    )

    const opened = openSqliteStore(store)
    try {
      expect((await opened.getQuarantined(HELD))?.status).toBe('held')
      expect(await opened.listOutbox()).toEqual([])
      const events = (await opened.auditLog()).map((row) => row.event)
      expect(events).toEqual(['message.quarantined'])
    } finally {
      await opened.close()
    }
  })
})
