// The reply address of a justify notice, justify+<id>.<mac>@<replyDomain>, and its key. The
// mac binds the quarantine id to the original sender and the deadline, so a reply address
// cannot be made up, moved to another message, or used by someone else.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

/** The key file in the data folder: 32 random bytes, readable by the owner only. */
export const JUSTIFY_KEY_FILE = 'justify.key'

const KEY_BYTES = 32

/** Bytes of the HMAC kept: 128 bits, 26 base32 characters. */
const MAC_BYTES = 16

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

// justify+<id>.<mac>: the id is a message ref (mw- and 16 base32 characters), the mac 26 base32
// characters; 54 characters in all, within RFC 5321 §4.5.3.1.1's 64-octet local part.
const LOCAL_PART = /^justify\+(mw-[a-z2-7]{16})\.([a-z2-7]{26})$/

/** What a justify token covers. */
export interface TokenSubject {
  readonly id: string
  readonly sender: string
  readonly deadline: Date
}

export type ReplyRecipient =
  | { readonly kind: 'token'; readonly id: string; readonly mac: string }
  | { readonly kind: 'malformed' }

/**
 * Reads the key from `<dataDir>/justify.key`, creating it on first start (0600, fsync'd, and
 * linked into place so that two processes starting at once agree on one key). A key file that
 * others can read is refused: with it anyone could write a valid reply address.
 */
export function loadOrCreateJustifyKey(dataDir: string): Buffer {
  const path = join(dataDir, JUSTIFY_KEY_FILE)
  try {
    return readKey(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }

  const temporary = `${path}.${process.pid}.tmp`
  const fd = openSync(temporary, 'wx', 0o600)
  try {
    writeSync(fd, randomBytes(KEY_BYTES))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(temporary, path)
  } catch (error) {
    // Another process created the key first; theirs is the key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(temporary, { force: true })
  }
  return readKey(path)
}

function readKey(path: string): Buffer {
  const mode = statSync(path).mode & 0o777
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(3, '0')
    throw new Error(`${path} is readable by others (mode ${octal}); run: chmod 600 ${path}`)
  }
  const key = readFileSync(path)
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `${path} holds ${key.length} bytes, not ${KEY_BYTES}; delete it to make a new one`,
    )
  }
  return key
}

/** The mac for a held message, as lower-case base32. */
export function macFor(key: Buffer, subject: TokenSubject): string {
  const covered = [
    'mailward-justify-v1',
    subject.id,
    subject.sender.toLowerCase(),
    String(subject.deadline.getTime()),
  ].join('\0')
  const digest = createHmac('sha256', key).update(covered, 'utf8').digest()
  return base32(digest.subarray(0, MAC_BYTES))
}

/** The address a justify notice's Reply-To carries. */
export function replyAddressFor(key: Buffer, subject: TokenSubject, replyDomain: string): string {
  return `justify+${subject.id}.${macFor(key, subject)}@${replyDomain.toLowerCase()}`
}

/** True when `mac` is the mac of `subject`; compared in constant time. */
export function isMacValid(key: Buffer, subject: TokenSubject, mac: string): boolean {
  const expected = Buffer.from(macFor(key, subject), 'ascii')
  const given = Buffer.from(mac.toLowerCase(), 'ascii')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Reads an envelope recipient: undefined when it is not at the reply domain, otherwise the
 * token it carries or `malformed`. Domains compare case-insensitively and exactly (a
 * subdomain is not ours); the local part is read case-insensitively because mail systems
 * on the way may change its case.
 */
export function readReplyRecipient(
  address: string,
  replyDomain: string,
): ReplyRecipient | undefined {
  const at = address.lastIndexOf('@')
  if (at === -1) return undefined
  if (address.slice(at + 1).toLowerCase() !== replyDomain.toLowerCase()) return undefined

  const match = LOCAL_PART.exec(address.slice(0, at).toLowerCase())
  if (match === null) return { kind: 'malformed' }
  return { kind: 'token', id: match[1] as string, mac: match[2] as string }
}

function base32(bytes: Buffer): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}
