// The operator's side of the loop over real SMTP and the compiled CLI: holds told to the sender
// and the security contact, releases from the CLI while `serve` runs, release per recipient,
// the outbox across an outage and a restart, the audit log, and the quarantine tools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { simpleParser } from 'mailparser'
import { readTopHeader } from '../src/smtp/raw-header.js'
import { DEFAULT_TEMPLATES_DIR } from '../src/actions/index.js'
import {
  startTestRelay,
  startTestSink,
  type SinkMessage,
  type TestRelay,
  type TestSink,
} from './helpers/relay.js'
import { sendRaw } from './helpers/clients.js'
import { mailward } from './helpers/cli.js'
import { openSqliteStore } from '../src/store/index.js'

const BIN = fileURLToPath(new URL('../bin/mailward.js', import.meta.url))
const SENDER = 'alice@example.com'
const DESK = 'desk@partner.example.net'
const CARDS = ['4111 1111 1111 1111', '5500 0000 0000 0004']
const FAST_OUTBOX = { outbox: { pollSeconds: 0.05, retryFirstSeconds: 0.05, retryMaxSeconds: 0.2 } }
const FAST_OUTBOX_ENV = {
  MAILWARD__outbox__retryFirstSeconds: '0.05',
  MAILWARD__outbox__retryMaxSeconds: '0.2',
}

let cases = 0

/** Holds a message with two card numbers to `recipients`; returns its ref and marker. */
async function holdCards(relay: TestRelay, recipients: string[] = [DESK]) {
  const marker = `case-${++cases}-${Date.now()}`
  const raw = [
    `From: Alice <${SENDER}>`,
    `To: ${recipients.join(', ')}`,
    `Subject: invoice ${marker}`,
    `Message-ID: <${marker}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Please charge ${CARDS[0]} and, if that fails, ${CARDS[1]}.`,
    '',
  ].join('\r\n')
  const sent = await sendRaw(relay.port, { from: SENDER, to: recipients }, raw)
  expect(sent.code).toBe(250)
  const ref = /held for review \(ref (mw-[a-z2-7]+)\)/.exec(sent.response)?.[1] as string
  expect(ref).toBeDefined()
  return { ref, marker, raw }
}

function isNotice(kind: string, ref: string) {
  return (message: SinkMessage) =>
    readTopHeader(message.raw, 'x-mailward-notice') === kind &&
    readTopHeader(message.raw, 'x-mailward-ref') === ref
}

function copiesOf(sink: TestSink, marker: string): SinkMessage[] {
  return sink.messages().filter((message) => message.raw.includes(`invoice ${marker}`))
}

function cli(relay: TestRelay, args: string[], env: NodeJS.ProcessEnv = {}) {
  return mailward([...args, '--data', relay.dataDir], env)
}

function viaSink(relay: TestRelay): string[] {
  return ['--next-hop', `127.0.0.1:${(relay.sink as TestSink).port}`]
}

describe('the operator with serve running', () => {
  let relay: TestRelay
  let sink: TestSink

  beforeAll(async () => {
    relay = await startTestRelay({ notices: { securityContact: 'security@example.com' } })
    sink = relay.sink as TestSink
  })
  afterAll(() => relay.stop())

  it('tells the sender and the security contact once per message, never once per finding', async () => {
    const { ref } = await holdCards(relay)

    const toSender = await sink.waitFor('the held notice', isNotice('held', ref))
    const toSecurity = await sink.waitFor('the narrative', isNotice('held-security', ref))
    expect(toSender.rcptTo).toEqual([SENDER])
    expect(toSecurity.rcptTo).toEqual(['security@example.com'])

    const narrative = (await simpleParser(toSecurity.raw)).text ?? ''
    expect(narrative).toContain(`${SENDER} wrote to ${DESK} (outside the organisation`)
    expect(narrative).toContain('4111 **** **** 1111')
    expect(narrative).toContain(`mailward quarantine release ${ref}`)
    for (const message of [toSender, toSecurity]) {
      for (const card of CARDS) {
        expect(message.raw.toString('utf8')).not.toContain(card)
        expect(message.raw.toString('utf8')).not.toContain(card.replace(/ /g, ''))
      }
    }

    await relay.relay.outbox.runOnce()
    const about = sink.messages().filter((m) => readTopHeader(m.raw, 'x-mailward-ref') === ref)
    expect(about).toHaveLength(2)
  })

  it('delivers once when two operators release from the CLI while serve runs', async () => {
    const { ref, marker } = await holdCards(relay)
    const release = () =>
      cli(relay, ['quarantine', 'release', ref, '--reason', 'ok', ...viaSink(relay)])

    const [first, second] = await Promise.all([release(), release(), relay.relay.outbox.runOnce()])
    const outputs = [first, second].map((result) => result?.stdout ?? '')
    expect(outputs.filter((out) => out.includes(`${ref}: released for ${DESK}`))).toHaveLength(1)
    expect(outputs.filter((out) => out.includes('not held (it is released)'))).toHaveLength(1)

    await sink.waitFor('the released message', (m) => m.raw.includes(`invoice ${marker}`))
    await sink.waitFor('the release notice', isNotice('released', ref))
    await relay.relay.outbox.runOnce()
    expect(copiesOf(sink, marker)).toHaveLength(1)
  })

  it('releases to the chosen recipients only and keeps holding for the other', async () => {
    const ops = 'ops@partner.example.net'
    const bob = 'bob@example.com'
    const { ref, marker } = await holdCards(relay, [DESK, ops, bob])

    const partial = await cli(relay, [
      'quarantine',
      'release',
      ref,
      '--recipient',
      DESK,
      bob.toUpperCase(),
      '--reason',
      'known customer',
      ...viaSink(relay),
    ])
    expect(partial.code).toBe(0)
    expect(partial.stdout).toContain(`${ref}: released for 2 recipients (still held for ${ops})`)

    const copy = await sink.waitFor('the partial release', (m) =>
      m.raw.includes(`invoice ${marker}`),
    )
    expect(copy.rcptTo).toEqual([DESK, bob])
    const notice = await sink.waitFor('the release notice', isNotice('released', ref))
    expect((await simpleParser(notice.raw)).text).toContain(`It is still held for: ${ops}.`)

    const listed = await cli(relay, ['quarantine', 'list', '--status', 'partly-released', '--json'])
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((entry) => entry.id)).toContain(ref)

    const twice = await cli(relay, [
      'quarantine',
      'release',
      ref,
      '--recipient',
      DESK,
      ...viaSink(relay),
    ])
    expect(twice.code).toBe(1)
    expect(twice.stdout).toContain(`${DESK} is already released; nothing done`)

    const rest = await cli(relay, ['quarantine', 'reject', ref, '--reason', 'not this one'])
    expect(rest.code).toBe(0)
    expect(rest.stdout).toContain(`${ref}: rejected for ${ops}`)

    await relay.relay.outbox.runOnce()
    expect(copiesOf(sink, marker)).toHaveLength(1)
    expect(sink.messages().some((m) => m.rcptTo.includes(ops))).toBe(false)
    const shown = JSON.parse((await cli(relay, ['quarantine', 'show', ref, '--json'])).stdout) as {
      status: string
      recipients: { address: string; status: string }[]
    }
    expect(shown.status).toBe('released')
    expect(shown.recipients.map((r) => r.status)).toEqual(['released', 'rejected', 'released'])
  })

  // A release or reject without --recipient named nobody: "sent to: ." and "still held for"
  // every recipient it had just decided.
  it('names the recipients in the notice when a CLI release covers the last held recipients', async () => {
    const ops = 'ops@partner.example.net'
    const whole = await holdCards(relay)
    const released = await cli(relay, ['quarantine', 'release', whole.ref, ...viaSink(relay)])
    expect(released.stdout).toContain(`${whole.ref}: released for ${DESK} and delivered`)
    const notice = await sink.waitFor('the release notice', isNotice('released', whole.ref))
    const text = (await simpleParser(notice.raw)).text ?? ''
    expect(text).toContain(`Your message has been released and sent to: ${DESK}.`)
    expect(text).not.toContain('still held')

    const rest = await holdCards(relay, [DESK, ops])
    await cli(relay, ['quarantine', 'reject', rest.ref, '--recipient', ops, '--no-notice'])
    await cli(relay, ['quarantine', 'release', rest.ref, ...viaSink(relay)])
    const last = await sink.waitFor('the last release notice', isNotice('released', rest.ref))
    const lastText = (await simpleParser(last.raw)).text ?? ''
    expect(lastText).toContain(`Your message has been released and sent to: ${DESK}.`)
    expect(lastText).not.toContain('still held')
  })

  it('names the recipients in the notice when a CLI reject covers the last held recipients', async () => {
    const { ref } = await holdCards(relay)
    const rejected = await cli(relay, ['quarantine', 'reject', ref, ...viaSink(relay)])
    expect(rejected.stdout).toContain(`${ref}: rejected for ${DESK}`)
    const notice = await sink.waitFor('the reject notice', isNotice('rejected', ref))
    const text = (await simpleParser(notice.raw)).text ?? ''
    expect(text).toContain(`your message will not be sent to: ${DESK}.`)
    expect(text).not.toContain('still held')
  })

  // The CLI always delivered through its configured next hop, never the one the relay was
  // started with, so a release from a demo's data folder landed in another relay's sink.
  it('delivers a CLI release through the next hop the relay on that data folder uses', async () => {
    const elsewhere = { MAILWARD__nextHop__address: `127.0.0.1:${await unusedPort()}` }
    const { ref, marker } = await holdCards(relay)
    const released = await cli(relay, ['quarantine', 'release', ref], elsewhere)
    expect(released.code).toBe(0)
    expect(released.stdout).toContain(`and delivered to 127.0.0.1:${sink.port}`)
    await sink.waitFor('the released message', (m) => m.raw.includes(`invoice ${marker}`))

    // --next-hop still wins over what the relay recorded.
    const other = await holdCards(relay)
    const overridden = await cli(
      relay,
      ['quarantine', 'release', other.ref, '--next-hop', elsewhere.MAILWARD__nextHop__address],
      elsewhere,
    )
    expect(overridden.stdout).toContain('queued; delivery will be retried')
  })

  it('lists by filter, shows the narrative and headers, exports, and purges only decided messages', async () => {
    const { ref, marker, raw } = await holdCards(relay)
    const ids = async (filter: string[]) =>
      (
        JSON.parse((await cli(relay, ['quarantine', 'list', ...filter, '--json'])).stdout) as {
          id: string
        }[]
      ).map((entry) => entry.id)
    expect(await ids(['--category', 'CREDIT_CARD', '--status', 'held'])).toContain(ref)
    expect(await ids(['--category', 'iban'])).not.toContain(ref)
    expect(await ids(['--sender', 'ALICE@example.com', '--recipient', DESK])).toContain(ref)
    expect(await ids(['--since', '2999-01-01'])).toEqual([])
    const badStatus = await cli(relay, ['quarantine', 'list', '--status', 'lost'])
    expect(badStatus.code).toBe(2)
    expect(badStatus.stderr).toContain('--status must be one of held, awaiting-justification')

    const shown = await cli(relay, ['quarantine', 'show', ref])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain(`Subject: invoice ${marker}`)
    expect(shown.stdout).toMatch(/Narrative:\n {2}alice@example\.com wrote to/)
    expect(shown.stdout).toContain('CREDIT_CARD        4111 **** **** 1111')
    expect(shown.stdout).toMatch(/History:\n.*message\.quarantined/)
    for (const card of CARDS) expect(shown.stdout).not.toContain(card)

    const file = join(mkdtempSync(join(tmpdir(), 'mailward-export-')), `${ref}.eml`)
    const exported = await cli(relay, ['quarantine', 'export', ref, '--out', file])
    expect(exported.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(raw)
    const again = await cli(relay, ['quarantine', 'export', ref, '--out', file])
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(`mailward: ${file} exists; it is not overwritten\n`)
    const nowhere = join(tmpdir(), `mailward-no-such-folder-${ref}`, 'held.eml')
    const missing = await cli(relay, ['quarantine', 'export', ref, '--out', nowhere])
    expect(missing.stderr).toContain('does not exist; create the folder first')

    const early = await cli(relay, ['quarantine', 'purge', ref])
    expect(early.code).toBe(1)
    expect(early.stdout).toContain('not purged: it is held; release or reject it first')

    expect((await cli(relay, ['quarantine', 'reject', ref, '--no-notice'])).code).toBe(0)
    const purged = await cli(relay, ['quarantine', 'purge', '--older-than', '0'])
    expect(purged.stdout).toContain(`${ref}: purged`)
    expect(existsSync(join(relay.dataDir, 'spool', `${ref}.eml`))).toBe(false)
    expect((await cli(relay, ['quarantine', 'show', ref])).code).toBe(1)

    const events = (await relay.relay.store.auditFor(ref))
      .map((row) => row.event)
      .filter((event) => event.startsWith('message.'))
    expect(events).toEqual([
      'message.quarantined',
      'message.exported',
      'message.rejected',
      'message.purged',
    ])
  })

  it('audit verify passes on the untouched log, names an edited row, and export gives JSON lines', async () => {
    const intact = await cli(relay, ['audit', 'verify'])
    expect(intact.code).toBe(0)
    expect(intact.stdout).toMatch(/^audit log intact: \d+ rows, last seq \d+, head [0-9a-f]{64}\n$/)

    const exported = await cli(relay, ['audit', 'export'])
    const rows = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; hash: string })
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1))

    const db = new Database(join(relay.dataDir, 'mailward.db'))
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = 3").run()
    db.close()
    const broken = await cli(relay, ['audit', 'verify'])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain(
      'audit log BROKEN at seq 3: row content does not match its hash',
    )
  })
})

describe('the outbox across next-hop outages and restarts', () => {
  it('delivers a release once the next hop comes back', async () => {
    const port = await unusedPort()
    const relay = await startTestRelay(FAST_OUTBOX, { nextHop: `127.0.0.1:${port}` })
    let sink: TestSink | undefined
    try {
      const { ref, marker } = await holdCards(relay)
      const released = await cli(
        relay,
        ['quarantine', 'release', ref, '--next-hop', `127.0.0.1:${port}`],
        FAST_OUTBOX_ENV,
      )
      expect(released.code).toBe(0)
      // The relay's own runner (every 50 ms here) may take the new item before the CLI does;
      // either way it stays queued for the next hop.
      expect(released.stdout).toMatch(
        /queued; delivery will be retried \(next hop unreachable|a running relay is delivering it/,
      )

      // The runner retries every 50 ms here, so the item may be in the middle of an attempt.
      const listed = await cli(relay, ['outbox', 'list'])
      expect(listed.stdout).toMatch(
        new RegExp(
          `release  (?:pending|sending)  attempts \\d+  ${ref}.*last error: next hop unreachable`,
        ),
      )

      sink = await startTestSink(port)
      await sink.waitFor('the released message', (m) => m.raw.includes(`invoice ${marker}`))
      await sink.waitFor('the held notice', isNotice('held', ref))
      await relay.relay.outbox.runOnce()
      expect(copiesOf(sink, marker)).toHaveLength(1)
    } finally {
      await relay.stop()
      await sink?.close()
    }
  })

  it('delivers what was queued before a restart once the relay is back', async () => {
    const port = await unusedPort()
    const first = await startTestRelay(FAST_OUTBOX, { nextHop: `127.0.0.1:${port}` })
    const { ref, marker } = await holdCards(first)
    const released = await cli(
      first,
      ['quarantine', 'release', ref, '--next-hop', `127.0.0.1:${port}`],
      FAST_OUTBOX_ENV,
    )
    expect(released.stdout).toContain('queued; delivery will be retried')
    await first.stop({ keepData: true })

    const sink = await startTestSink(port)
    const second = await startTestRelay(FAST_OUTBOX, {
      nextHop: `127.0.0.1:${port}`,
      dataDir: first.dataDir,
    })
    try {
      // Everything queued before the restart: the hold notice, the release and its notice.
      await sink.waitFor('the held notice', isNotice('held', ref))
      await sink.waitFor('the released message', (m) => m.raw.includes(`invoice ${marker}`))
      await sink.waitFor('the release notice', isNotice('released', ref))
      await second.relay.outbox.runOnce()
      expect(copiesOf(sink, marker)).toHaveLength(1)
      expect((await second.relay.store.listOutbox()).map((item) => item.status)).toEqual([
        'sent',
        'sent',
        'sent',
      ])
    } finally {
      await second.stop()
      await sink.close()
    }
  })

  it('outbox retry sends pending items now instead of at their next retry', async () => {
    const port = await unusedPort()
    const relay = await startTestRelay({}, { nextHop: `127.0.0.1:${port}` })
    let sink: TestSink | undefined
    try {
      const { ref } = await holdCards(relay)
      await relay.relay.outbox.runOnce()
      const [notice] = await relay.relay.store.listOutbox('pending')
      expect(notice).toMatchObject({ kind: 'notice', quarantineId: ref, attempts: 1 })

      sink = await startTestSink(port)
      const retried = await cli(relay, ['outbox', 'retry', '--next-hop', `127.0.0.1:${port}`])
      expect(retried.code).toBe(0)
      expect(retried.stdout).toContain(`#${notice?.id}: delivered to 127.0.0.1:${port}`)
      expect(sink.messages().filter(isNotice('held', ref))).toHaveLength(1)
      expect((await cli(relay, ['outbox', 'retry', String(notice?.id)])).stdout).toContain(
        'already sent',
      )
    } finally {
      await relay.stop()
      await sink?.close()
    }
  })
})

describe('outbox items given up long ago', () => {
  it('keeps their bytes for retry until the retention, then the sweep purges them and retry says so', async () => {
    const data = mkdtempSync(join(tmpdir(), 'mailward-given-up-'))
    const store = openSqliteStore(data)
    const id = await store.enqueue({
      kind: 'forward',
      messageRef: 'mw-givenup',
      mailFrom: SENDER,
      rcptTo: [DESK],
      raw: Buffer.from(`Subject: x\r\n\r\nPlease charge ${CARDS[0]}.\r\n`),
    })
    await store.markRetry(id, '550 5.1.1 no such user', new Date(), true)
    await store.close()

    // With the default retention (30 days) the sweep leaves it alone.
    const kept = await mailward(['sweep', '--data', data, '--next-hop', '127.0.0.1:9'])
    expect(kept.stdout).not.toContain('given up long ago purged')

    const shortRetention = { MAILWARD__quarantine__retentionDays: '0.00001' } // under a second
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const swept = await mailward(
      ['sweep', '--data', data, '--next-hop', '127.0.0.1:9'],
      shortRetention,
    )
    expect(swept.code).toBe(0)
    expect(swept.stdout).toContain('1 given up long ago purged')

    const listed = await mailward(['outbox', 'list', '--data', data])
    expect(listed.stdout).toMatch(
      new RegExp(`#${id} +forward +failed +attempts 1 +\\(message purged\\)`),
    )
    const retried = await mailward(['outbox', 'retry', String(id), '--data', data])
    expect(retried.code).not.toBe(0)
    expect(retried.stdout).toContain(`#${id}: given up, and its message was purged on`)

    const reopened = openSqliteStore(data)
    const events = (await reopened.auditFor('mw-givenup')).map((row) => row.event)
    await reopened.close()
    expect(events).toContain('outbox.purged')
    rmSync(data, { recursive: true, force: true })
  })
})

describe('configuration checked at start', () => {
  it('stops serve with an error, sink and workers too, when its port is in use', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const address = taken.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    const data = mkdtempSync(join(tmpdir(), 'mailward-port-taken-'))
    try {
      const sinkPort = await unusedPort()
      const args = ['--data', data, '--listen', `127.0.0.1:${port}`, '--next-hop']
      const served = spawnSync(
        process.execPath,
        [BIN, 'serve', ...args, `127.0.0.1:${sinkPort}`, '--sink'],
        { encoding: 'utf8', timeout: 45_000 },
      )
      // It ends by itself (a hang would be killed by the timeout: signal SIGTERM), naming the
      // problem, and with its sink and workers stopped.
      expect(served.signal).toBeNull()
      expect(served.status).not.toBe(0)
      expect(served.stderr).toContain('EADDRINUSE')
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()))
      rmSync(data, { recursive: true, force: true })
    }
  })

  it('stops start and names the template, line and problem', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'mailward-templates-'))
    cpSync(DEFAULT_TEMPLATES_DIR, templates, { recursive: true })
    writeFileSync(
      join(templates, 'held.txt'),
      'Subject: held {{ref}}\n\nYour {{mesage}} is held.\n',
    )
    const data = mkdtempSync(join(tmpdir(), 'mailward-data-'))

    const env = { MAILWARD__notices__templates: templates }
    const started = await mailward(['serve', '--data', data, '--listen', '127.0.0.1:0'], env)
    expect(started.code).toBe(2)
    expect(started.stderr).toContain(`notice templates in ${templates}: 1 problem`)
    expect(started.stderr).toContain('held.txt: line 3: unknown variable "mesage"')

    const checked = await mailward(['config', 'check'], env)
    expect(checked.code).toBe(2)
    expect(checked.stderr).toContain('held.txt: line 3: unknown variable "mesage"')
  })

  it('refuses a reply domain inside the internal domains, where replies would never leave', async () => {
    const checked = await mailward(['config', 'check'], {
      MAILWARD__justify__replyDomain: 'dlp.example.com',
    })
    expect(checked.code).toBe(2)
    expect(checked.stderr).toContain('justify.replyDomain: must not be an internal domain')
  })
})

async function unusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address !== null ? address.port : 0
}
