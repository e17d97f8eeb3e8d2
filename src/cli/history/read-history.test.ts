import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryError, readHistory } from './read-history.js'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailward-history-'))
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, content)
  return path
}

const party = (address: string, name = '', status = 'smtp') => ({
  address,
  name,
  raw: address,
  addr_status: status,
})

const send = (overrides: Record<string, unknown>) => ({
  user: 'a',
  from: 'Susan.Bailey@ENRON.com',
  from_name: 'Susan Bailey',
  to: [party('shawn@pseg.example', 'Shawn L')],
  cc: [],
  bcc: [],
  date: '2001-04-10T09:43:00-08:00',
  subject: 'PSEG',
  body: 'Draft attached.',
  attachments: [],
  message_id: 'enron:1',
  ...overrides,
})

const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n'

function message(headers: string, body = 'Hello.'): string {
  return `${headers.trim().split('\n').join('\r\n')}\r\n\r\n${body}\r\n`
}

describe('JSONL sends', () => {
  it('reads sends in time order and rebuilds each as the relay would see it', async () => {
    const path = file(
      'sends.jsonl',
      jsonl(
        send({
          message_id: 'later',
          date: '2001-05-01T10:00:00-08:00',
          cc: [party('Thomas McBarron', 'Thomas McBarron', 'name_only')],
          bcc: [party('hidden@vendor.example')],
          attachments: [{ name: 'Agreement.doc', size: 12_345 }],
        }),
        send({
          message_id: 'earlier',
          to: [party('/O=ENRON/OU=NA/CN=RECIPIENTS/CN=Jswaffo', 'Swafford, John', 'x500')],
        }),
      ),
    )
    const { entries } = readHistory([path])
    expect(entries.map((e) => e.messageId)).toEqual(['earlier', 'later'])

    const later = await entries[1]?.load()
    expect(later?.envelope.mailFrom).toBe('Susan.Bailey@ENRON.com')
    expect(later?.envelope.rcptTo).toEqual(['shawn@pseg.example', 'hidden@vendor.example'])
    expect(later?.skippedRecipients).toBe(1)

    const parsed = await simpleParser(later?.raw ?? Buffer.alloc(0))
    expect(parsed.bcc).toBeUndefined()
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Susan Bailey' })
    expect(parsed.attachments.map((a) => [a.filename, a.size])).toEqual([
      ['Agreement.doc.txt', 12_345],
    ])
    expect((await entries[0]?.load())?.skippedRecipients).toBe(1)
  })

  it.each([
    ['a line that is not JSON', '{"from": "a@b.example"\n', 'sends.jsonl line 1: not valid JSON'],
    [
      'a send without a date',
      jsonl(send({}), { ...send({}), date: undefined }),
      'sends.jsonl line 2: date:',
    ],
    ['a date that is not one', jsonl(send({ date: 'yesterday' })), 'line 1: date: must be an ISO'],
    ['a send without a sender', jsonl(send({ from: '' })), 'line 1: from: must be the sender'],
  ])('names the line of %s', (_label, content, message) => {
    const path = file('sends.jsonl', content)
    expect(() => readHistory([path])).toThrow(HistoryError)
    expect(() => readHistory([path])).toThrow(message)
  })
})

describe('mbox', () => {
  it('splits on From lines, unquotes >From, and dates by header or From line', async () => {
    const path = file(
      'Sent.mbox',
      [
        'From alice@corp.example Tue Jan  2 10:00:00 2024\n',
        message(
          'From: Alice <alice@corp.example>\nTo: bob@partner.example\nSubject: one',
          'Hi\n>From here on, fine.',
        ),
        'From alice@corp.example Mon Jan  1 09:00:00 2024\n',
        message(
          'From: alice@corp.example\nTo: Carol <carol@vendor.example>\nBcc: dan@other.example\nMessage-ID: <two@corp.example>',
        ),
      ].join(''),
    )
    const { entries } = readHistory([path])
    expect(entries.map((e) => [e.messageId, e.at.toISOString()])).toEqual([
      ['<two@corp.example>', '2024-01-01T09:00:00.000Z'],
      ['Sent.mbox message 1', '2024-01-02T10:00:00.000Z'],
    ])

    const two = await entries[0]?.load()
    expect(two?.envelope.rcptTo).toEqual(['carol@vendor.example', 'dan@other.example'])
    const one = await entries[1]?.load()
    expect(one?.envelope.mailFrom).toBe('alice@corp.example')
    expect(one?.raw.toString()).toContain('\nFrom here on, fine.')
  })
})

describe('folders', () => {
  it('reads a maildir (cur and new) with delivery times as the fallback date', () => {
    file('Sent/cur/1700000000.M1P1.host:2,S', message('From: a@corp.example\nTo: b@x.example'))
    file('Sent/new/1600000000.M2P2.host', message('From: a@corp.example\nTo: c@x.example'))
    file('Sent/tmp/1800000000.M3P3.host', message('From: a@corp.example\nTo: d@x.example'))
    const { entries } = readHistory([join(dir, 'Sent')])
    expect(entries.map((e) => e.at.getTime() / 1000)).toEqual([1_600_000_000, 1_700_000_000])
  })

  it('reads every message file of a folder and notes the files that are not messages', () => {
    file(
      'mail/one.eml',
      message('From: a@corp.example\nTo: b@x.example\nDate: Tue, 02 Jan 2024 10:00:00 +0000'),
    )
    file(
      'mail/deeper/two',
      message('From: a@corp.example\nTo: c@x.example\nDate: Mon, 01 Jan 2024 10:00:00 +0000'),
    )
    file('mail/notes.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]))
    file('mail/.hidden', 'From: x')
    const history = readHistory([join(dir, 'mail')])
    expect(history.entries.map((e) => e.origin.split('/').at(-1))).toEqual(['two', 'one.eml'])
    expect(history.notes).toEqual([{ origin: 'notes.pdf', problem: 'not a message; skipped' }])
  })
})

describe('bad paths', () => {
  it('says when a path does not exist', () => {
    expect(() => readHistory([join(dir, 'missing.mbox')])).toThrow(/missing\.mbox: not found/)
  })

  it('says when a file is of no known format', () => {
    const path = file('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))
    expect(() => readHistory([path])).toThrow(/photo\.jpg: unknown format \(expected an mbox/)
  })
})
