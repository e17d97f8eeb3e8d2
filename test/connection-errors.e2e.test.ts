// One client's broken connection never ends the relay: smtp-server reports socket and TLS
// errors as the server's `error` event, which ends the process when nobody listens to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import pino from 'pino'
import { startTestRelay, type TestRelay } from './helpers/relay.js'
import { startLocalSink, type LocalSink } from '../src/cli/local-sink.js'

const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }
const RAW =
  'From: alice@example.com\r\nTo: desk@partner.example.net\r\nSubject: hi\r\n\r\nHello.\r\n'

/** Opens a connection and resolves once `lines` reply lines ending a reply have arrived. */
function open(port: number): { socket: Socket; repliesDone: (n: number) => Promise<void> } {
  const socket = connect(port, '127.0.0.1')
  let ends = 0
  let wanted = Infinity
  let resolveWanted: (() => void) | undefined
  socket.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('latin1').split('\r\n')) if (/^\d{3} /.test(line)) ends++
    if (ends >= wanted) resolveWanted?.()
  })
  socket.on('error', () => undefined)
  return {
    socket,
    repliesDone: (n) =>
      new Promise<void>((resolve) => {
        wanted = n
        resolveWanted = resolve
        if (ends >= n) resolve()
      }),
  }
}

async function plainTextAfterStartTls(port: number): Promise<void> {
  const { socket, repliesDone } = open(port)
  await repliesDone(1)
  socket.write('EHLO client.example\r\n')
  await repliesDone(2)
  socket.write('STARTTLS\r\n')
  await repliesDone(3)
  // Not a TLS ClientHello: the server's TLS socket fails with "wrong version number".
  socket.write('EHLO client.example\r\nMAIL FROM:<alice@example.com>\r\n')
  await new Promise((resolve) => socket.once('close', resolve))
}

async function resetMidSession(port: number): Promise<void> {
  const { socket, repliesDone } = open(port)
  await repliesDone(1)
  socket.write('EHLO client.example\r\nMAIL FROM:<alice@example.com>\r\n')
  // Closed with a TCP reset while the server still has replies to write.
  socket.resetAndDestroy()
  await new Promise((resolve) => setTimeout(resolve, 20))
}

async function delivers(port: number): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    tls: { rejectUnauthorized: false },
  })
  try {
    const info = await transport.sendMail({ envelope: ENVELOPE, raw: RAW })
    return info.response
  } finally {
    transport.close()
  }
}

describe('connection errors', () => {
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startTestRelay()
  })
  afterAll(() => relay.stop())

  it('logs plain text after STARTTLS and goes on serving', async () => {
    await plainTextAfterStartTls(relay.port)
    await plainTextAfterStartTls(relay.port)

    expect(await delivers(relay.port)).toMatch(/^250 2\.0\.0 Delivered/)
    expect(relay.logLines.some((line) => line.includes('"session.error"'))).toBe(true)
  })

  it('goes on serving after clients reset their connections mid-session', async () => {
    for (let i = 0; i < 8; i++) await resetMidSession(relay.port)

    expect(await delivers(relay.port)).toMatch(/^250 2\.0\.0 Delivered/)
  })

  it('logs only the class and code of a connection error', () => {
    const errors = relay.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.event === 'session.error')
    const allowed = new Set([
      'level',
      'time',
      'pid',
      'hostname',
      'service',
      'msg',
      'event',
      'error',
      'code',
    ])
    expect(errors.length).toBeGreaterThan(0)
    for (const record of errors) {
      expect(Object.keys(record).filter((key) => !allowed.has(key))).toEqual([])
      expect(JSON.stringify(record)).not.toContain('alice@example.com')
    }
  })
})

describe('the local sink', () => {
  let dir: string
  let sink: LocalSink
  let port: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailward-sink-'))
    sink = startLocalSink('127.0.0.1', 0, dir, pino({ level: 'silent' }))
    port = await sink.listening
  })
  afterAll(async () => {
    await sink.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('goes on storing after clients reset their connections', async () => {
    for (let i = 0; i < 8; i++) await resetMidSession(port)

    expect(await delivers(port)).toMatch(/^250/)
  })
})
