import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'

import { sniffType } from './sniff-type.js'
import { defaultExtractLimits, extractText } from './index.js'
import { messageOf } from './message-for-test.js'

const bytes = (...b: number[]): Buffer => Buffer.from(b)
const text = (s: string): Buffer => Buffer.from(s)

describe('sniffType', () => {
  it.each([
    ['PDF', text('%PDF-1.7\n'), 'application/pdf', 'pdf'],
    ['PDF after junk', text('garbage\n%PDF-1.4\n'), 'application/pdf', 'pdf'],
    ['empty ZIP', bytes(0x50, 0x4b, 0x05, 0x06, 0, 0), 'application/zip', 'zip'],
    [
      'CFB without known streams',
      bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
      'application/x-cfb',
      'cfb',
    ],
    ['TNEF', bytes(0x78, 0x9f, 0x3e, 0x22, 1, 0), 'application/ms-tnef', 'tnef'],
    ['gzip', bytes(0x1f, 0x8b, 8, 0), 'application/gzip', 'gzip'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), 'image/png', 'image'],
    ['7z', bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), 'application/x-7z-compressed', 'unsupported'],
    ['RTF', text('{\\rtf1\\ansi hello}'), 'application/rtf', 'rtf'],
    ['HTML', text('<!DOCTYPE html><html><body>x</body></html>'), 'text/html', 'html'],
    ['iCalendar', text('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), 'text/calendar', 'calendar'],
    ['vCard', text('BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n'), 'text/vcard', 'calendar'],
    ['JSON', text('{"a":1}'), 'application/json', 'text'],
    ['CSV', text('a,b\n1,2\n'), 'text/plain', 'text'],
    ['UTF-16LE without BOM', Buffer.from('hello world', 'utf16le'), 'text/plain', 'text'],
    ['binary', bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xfe, 0), 'unknown', 'unsupported'],
    ['empty', Buffer.alloc(0), 'application/x-empty', 'empty'],
    [
      'saved message',
      text('From: a@example.com\r\nSubject: x\r\n\r\nhi'),
      'message/rfc822',
      'mime',
    ],
    [
      'MIME entity with a folded field',
      text('Content-Type: text/plain;\r\n charset=utf-8\r\n\r\nhi'),
      'message/rfc822',
      'mime',
    ],
    [
      'notes with a colon but no mail field',
      text('Note: call back\n\nlater'),
      'text/plain',
      'text',
    ],
    ['header lines without an end', text('From: a@example.com\nSubject: x'), 'text/plain', 'text'],
    ['short text padded with NULs', text('this is a test\n\0\0'), 'text/plain', 'text'],
  ])('tells %s', (_label, input, mime, kind) => {
    expect(sniffType(input)).toEqual({ mime, kind })
  })

  it('tells a CMS enveloped-data blob (S/MIME encryption)', () => {
    const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03]
    expect(sniffType(bytes(0x30, 0x80, ...oid, 0xa0, 0x80)).kind).toBe('cms-enveloped')
  })
})

describe('sniffType on UTF-16 of odd length', () => {
  // Regression: swap16 threw on an odd-length sample, and the throw ended the whole message's
  // inspection (sniffType runs outside the readers' catch), so the message got 451 forever.
  it.each([
    ['big-endian, with BOM', Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69, 0x00])],
    [
      'big-endian, without BOM',
      Buffer.concat([Buffer.from('hello world', 'utf16le').swap16(), Buffer.from([0])]),
    ],
    ['little-endian, with BOM', Buffer.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00, 0x21])],
  ])('reads %s as text without throwing', async (_label, bytes) => {
    expect(sniffType(bytes).kind).toBe('text')
    const extraction = await extractText(messageOf({ content: bytes }), defaultExtractLimits)
    expect(extraction.findings.filter((f) => f.category === 'UNSCANNABLE')).toEqual([])
  })
})

describe('sniffType on random bytes', () => {
  it('never throws, whatever the first two bytes and the length', () => {
    for (let first = 0; first < 256; first++) {
      for (const second of [0x00, 0xfe, 0xff, first]) {
        for (const length of [1, 2, 3, 17, 1024, 8193]) {
          const bytes = randomBytes(length)
          bytes[0] = first
          if (length > 1) bytes[1] = second
          expect(() => sniffType(bytes)).not.toThrow()
        }
      }
    }
  })
})
