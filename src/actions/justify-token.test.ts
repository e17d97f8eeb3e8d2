import { describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  isMacValid,
  loadOrCreateJustifyKey,
  macFor,
  readReplyRecipient,
  replyAddressFor,
} from './justify-token.js'

const SUBJECT = {
  id: 'mw-abcdefghijklmnop',
  sender: 'alice@example.com',
  deadline: new Date('2026-12-06T20:00:00Z'),
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'mailward-key-'))
}

describe('justify key', () => {
  it('is created once with owner-only permissions and read back the same', () => {
    const dir = freshDir()
    const key = loadOrCreateJustifyKey(dir)
    expect(key).toHaveLength(32)
    expect(statSync(join(dir, 'justify.key')).mode & 0o777).toBe(0o600)
    expect(loadOrCreateJustifyKey(dir).equals(key)).toBe(true)
  })

  it('refuses a key file that others can read', () => {
    const dir = freshDir()
    loadOrCreateJustifyKey(dir)
    chmodSync(join(dir, 'justify.key'), 0o644)
    expect(() => loadOrCreateJustifyKey(dir)).toThrow(/readable by others \(mode 644\)/)
  })

  it('refuses a truncated key file', () => {
    const dir = freshDir()
    writeFileSync(join(dir, 'justify.key'), 'short', { mode: 0o600 })
    expect(() => loadOrCreateJustifyKey(dir)).toThrow(/holds 5 bytes, not 32/)
  })
})

describe('reply address', () => {
  const key = loadOrCreateJustifyKey(freshDir())
  const address = replyAddressFor(key, SUBJECT, 'DLP.example.com')

  it('fits in a 64-octet local part and reads back to its id and mac', () => {
    const local = address.slice(0, address.indexOf('@'))
    expect(local.length).toBeLessThanOrEqual(64)
    expect(address).toMatch(/^justify\+mw-abcdefghijklmnop\.[a-z2-7]{26}@dlp\.example\.com$/)
    expect(readReplyRecipient(address.toUpperCase(), 'dlp.example.com')).toEqual({
      kind: 'token',
      id: SUBJECT.id,
      mac: macFor(key, SUBJECT),
    })
  })

  it('is valid only for the same id, sender, deadline and key', () => {
    const mac = macFor(key, SUBJECT)
    expect(isMacValid(key, SUBJECT, mac)).toBe(true)
    expect(isMacValid(key, SUBJECT, mac.toUpperCase())).toBe(true)
    expect(isMacValid(key, { ...SUBJECT, id: 'mw-abcdefghijklmnoq' }, mac)).toBe(false)
    expect(isMacValid(key, { ...SUBJECT, sender: 'mallory@example.com' }, mac)).toBe(false)
    expect(isMacValid(key, { ...SUBJECT, deadline: new Date(0) }, mac)).toBe(false)
    expect(isMacValid(loadOrCreateJustifyKey(freshDir()), SUBJECT, mac)).toBe(false)
    expect(isMacValid(key, SUBJECT, mac.slice(1))).toBe(false)
  })

  it.each([
    ['another domain', 'justify+mw-abcdefghijklmnop.x@example.com', undefined],
    ['a subdomain', 'justify+mw-abcdefghijklmnop.x@a.dlp.example.com', undefined],
    ['another local part', 'postmaster@dlp.example.com', { kind: 'malformed' }],
    ['a short mac', 'justify+mw-abcdefghijklmnop.abc@dlp.example.com', { kind: 'malformed' }],
  ])('reads %s', (_label, recipient, expected) => {
    expect(readReplyRecipient(recipient, 'dlp.example.com')).toEqual(expected)
  })
})
