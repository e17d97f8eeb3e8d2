// Walk the entries of a ZIP file (zip64 included) with every limit applied while inflating:
// entries, ratio, total inflated bytes and time. Shared by archives, OOXML and ODF.
import type { Readable } from 'node:stream'

import yauzl from 'yauzl'

import { RATIO_FLOOR_BYTES } from './limits.js'
import { errorName } from './error-name.js'
import type { ExtractSession } from './session.js'

/** One entry as read: its bytes, or why it has none. */
export type ZipEntryRead =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: Buffer }
  | { readonly kind: 'skipped'; readonly path: string; readonly outcome: EntryOutcome }

export interface EntryOutcome {
  readonly status: 'encrypted' | 'unscannable'
  readonly reason: string
}

// APPNOTE 4.4.5: 0 stored, 8 deflated are what yauzl inflates. 99 is WinZip AES, which also
// sets the encryption bit.
const READABLE_METHODS = new Set([0, 8])

/**
 * Yield each file entry of the ZIP in `bytes`, reporting encrypted, unsupported and
 * over-limit entries as `skipped` and carrying on with the next entry. Throws only when the
 * archive itself cannot be opened (no central directory).
 */
export async function* walkZip(
  s: ExtractSession,
  id: string,
  bytes: Buffer,
): AsyncGenerator<ZipEntryRead> {
  const zip = await yauzl.fromBufferPromise(bytes, {
    lazyEntries: true,
    decodeStrings: true,
    validateEntrySizes: true,
    strictFileNames: false,
  })

  try {
    let count = 0

    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue

      count += 1
      if (count > s.limits.maxEntries) {
        s.flag(id, 'unscannable', `limit: maxEntries ${s.limits.maxEntries} exceeded`)
        return
      }
      if (s.stopIfOverTime(id)) return

      yield await readEntry(s, zip, entry)
    }
  } finally {
    zip.close()
  }
}

async function readEntry(
  s: ExtractSession,
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
): Promise<ZipEntryRead> {
  const path = entry.fileName

  // TODO: Passwords given in the mail body are not tried on encrypted entries (C20 allows
  // it); the entry is reported ENCRYPTED_CONTENT and policy holds or asks for justification.
  if (entry.isEncrypted()) {
    return skipped(path, 'encrypted', 'zip: encrypted entry')
  }
  if (!READABLE_METHODS.has(entry.compressionMethod)) {
    const reason = `zip: unsupported compression method ${entry.compressionMethod}`
    return skipped(path, 'unscannable', reason)
  }

  try {
    const stream = await zip.openReadStreamPromise(entry)
    return await collectBounded(s, stream, path, entry.compressedSize)
  } catch (error) {
    // A corrupt entry (bad deflate data, size or CRC mismatch): this entry is reported and
    // the walk goes on to the next one.
    return skipped(path, 'unscannable', `zip: corrupt entry (${errorName(error)})`)
  }
}

/**
 * Read an inflating stream, stopping (and destroying it) as soon as the output passes the
 * ratio or the message's inflated-bytes budget, so a bomb never sits in memory whole.
 */
async function collectBounded(
  s: ExtractSession,
  stream: Readable,
  path: string,
  compressedSize: number,
): Promise<ZipEntryRead> {
  const chunks: Buffer[] = []
  const room = s.inflatedRoom()
  const ratioCap = Math.max(RATIO_FLOOR_BYTES, compressedSize * s.limits.maxRatio)
  let total = 0

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length

    if (total > ratioCap) {
      stream.destroy()
      s.chargeInflated(total - chunk.length)
      return skipped(path, 'unscannable', `limit: maxRatio ${s.limits.maxRatio} exceeded`)
    }
    if (total > room) {
      stream.destroy()
      s.chargeInflated(total - chunk.length)
      const budget = s.limits.maxInflatedBytes ?? room
      return skipped(path, 'unscannable', `limit: maxInflatedBytes ${budget} exceeded`)
    }

    chunks.push(chunk)
  }

  s.chargeInflated(total)
  return { kind: 'file', path, bytes: Buffer.concat(chunks, total) }
}

function skipped(path: string, status: EntryOutcome['status'], reason: string): ZipEntryRead {
  return { kind: 'skipped', path, outcome: { status, reason } }
}
