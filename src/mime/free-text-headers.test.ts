import { describe, expect, it } from 'vitest'

import { freeTextFieldsOf, isFreeTextField, machineFieldsOf } from './free-text-headers.js'

describe('isFreeTextField', () => {
  it.each([
    ['x-note', true],
    ['x-card-number', true],
    ['comments', true],
    ['keywords', true],
    ['content-description', true],
    ['organization', true],
    ['thread-topic', true],
    ['note', true],
    ['x-reply-to', true],
    ['subject', false],
    ['from', false],
    ['received', false],
    ['dkim-signature', false],
    ['arc-seal', false],
    ['content-type', false],
    ['x-ms-exchange-organization-scl', false],
    ['x-microsoft-antispam', false],
    ['x-forefront-antispam-report', false],
    ['x-beenthere', false],
    ['x-original-to', false],
    ['x-msg-ref', false],
    ['list-unsubscribe', false],
  ])('%s is free text: %s', (key, expected) => {
    expect(isFreeTextField(key)).toBe(expected)
  })
})

describe('freeTextFieldsOf', () => {
  it('unfolds, decodes UTF-8 bytes and encoded words, and names an odd field "unnamed"', () => {
    const utf8 = Buffer.from('X-Städte: München', 'utf8').toString('latin1')
    const lines = [
      { key: 'x-note', line: 'X-Note: a\r\n\tb =?iso-8859-1?q?caf=E9?=' },
      { key: 'x-städte', line: utf8 },
      { key: 'x-empty', line: 'X-Empty:   ' },
    ]

    expect(freeTextFieldsOf(lines)).toEqual([
      { name: 'X-Note', text: 'X-Note: a\tb café' },
      { name: 'unnamed', text: 'unnamed: München' },
    ])
  })
})

describe('machineFieldsOf', () => {
  it('gives every field the free-text scan leaves out, but the Subject', () => {
    const lines = [
      { key: 'subject', line: 'Subject: figures' },
      { key: 'x-note', line: 'X-Note: see below' },
      { key: 'from', line: 'From: "Alice" <alice@example.com>' },
      { key: 'received', line: 'Received: from a.example by b.example;\r\n Tue, 1 Dec 2026' },
      { key: 'x-ms-exchange-organization-note', line: 'X-MS-Exchange-Organization-Note: x' },
      { key: 'content-type', line: 'Content-Type: text/plain' },
    ]

    expect(machineFieldsOf(lines)).toEqual([
      { name: 'From', text: 'From: "Alice" <alice@example.com>' },
      { name: 'Received', text: 'Received: from a.example by b.example; Tue, 1 Dec 2026' },
      { name: 'X-MS-Exchange-Organization-Note', text: 'X-MS-Exchange-Organization-Note: x' },
      { name: 'Content-Type', text: 'Content-Type: text/plain' },
    ])
  })
})
