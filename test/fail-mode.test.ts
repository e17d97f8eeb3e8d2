// A fault while inspecting is never a release: the configured fail mode decides.
import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { handleMessage, type RelayContext } from '../src/relay.js'
import { openSqliteStore } from '../src/store/index.js'
import { createLogger } from '../src/log/index.js'
import { InspectionTimeout } from '../src/inspect/index.js'
import type { NextHop } from '../src/actions/index.js'
import { testConfig, testNoticeContext } from './helpers/relay.js'

function context(failMode: 'tempfail' | 'hold', sent: Buffer[]): RelayContext {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailward-fail-'))
  const nextHop: NextHop = {
    address: 'test',
    send: (_from, _to, raw) => {
      sent.push(raw)
      return Promise.resolve({ kind: 'accepted', code: 250, deferred: [], rejected: [] })
    },
    close: () => undefined,
  }
  const config = testConfig({ failMode }, dataDir)
  const notices = testNoticeContext(config)
  return {
    config,
    store: openSqliteStore(dataDir),
    inspector: {
      inspect: () => Promise.reject(new InspectionTimeout(5)),
      close: () => Promise.resolve(),
    },
    nextHop,
    outbox: undefined,
    log: createLogger('silent'),
    notices,
    justifyKey: notices.key as Buffer,
    clock: () => new Date(),
  }
}

const inbound = {
  ref: 'mw-fault',
  envelope: {
    mailFrom: 'alice@example.com',
    rcptTo: ['desk@partner.example.net'],
    clientAddress: '127.0.0.1',
    heloName: 'x',
    tls: false,
  },
  raw: Buffer.from('Subject: x\r\n\r\nbody\r\n'),
  receivedAt: new Date(),
}

describe('fail mode', () => {
  it('answers a temporary failure and forwards nothing by default', async () => {
    const sent: Buffer[] = []
    const ctx = context('tempfail', sent)
    expect(await handleMessage(inbound, ctx)).toEqual({
      kind: 'inspection-failed',
      ref: 'mw-fault',
    })
    expect(sent).toHaveLength(0)
    expect(await ctx.store.listQuarantined({})).toHaveLength(0)
  })

  it('holds the message for an operator when configured to', async () => {
    const sent: Buffer[] = []
    const ctx = context('hold', sent)
    expect(await handleMessage(inbound, ctx)).toEqual({ kind: 'held', ref: 'mw-fault' })
    expect(sent).toHaveLength(0)
    const [record] = await ctx.store.listQuarantined({})
    expect(record).toMatchObject({
      id: 'mw-fault',
      status: 'held',
      report: { inspectionFailed: 'InspectionTimeout' },
    })
  })
})
