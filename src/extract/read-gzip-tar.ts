// Read gzip streams (bounded inflate) and tar archives (members read one level deeper).
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'

import { errorName } from './error-name.js'
import { RATIO_FLOOR_BYTES } from './limits.js'
import { baseName } from './read-zip.js'
import type { ExtractNode, ExtractSession } from './session.js'

const gunzipAsync = promisify(gunzip)

/**
 * Inflate a gzip part with the output capped (zlib stops at `maxOutputLength`, so a bomb
 * never expands in memory) and read the result as a nested blob.
 */
export async function readGzip(s: ExtractSession, node: ExtractNode): Promise<void> {
  const ratioCap = Math.max(RATIO_FLOOR_BYTES, node.bytes.length * s.limits.maxRatio)
  const room = s.inflatedRoom()
  const cap = Math.min(ratioCap, room)

  let inflated: Buffer
  try {
    inflated = await gunzipAsync(node.bytes, { maxOutputLength: Math.max(1, cap) })
  } catch (error) {
    // Over the cap, or corrupt: the part is reported with the limit or the damage named.
    const isTooLarge = error instanceof RangeError
    const limit = ratioCap <= room ? `maxRatio ${s.limits.maxRatio}` : 'maxInflatedBytes'
    const reason = isTooLarge ? `limit: ${limit} exceeded` : `gzip: corrupt (${errorName(error)})`
    s.flag(node.id, 'unscannable', reason)
    return
  }

  s.chargeInflated(inflated.length)

  const innerName = node.filename?.replace(/\.(t?gz|gzip)$/i, (m) => (m === '.tgz' ? '.tar' : ''))
  await s.readNested({
    id: `${node.id}/${innerName ?? 'content'}`,
    bytes: inflated,
    filename: innerName,
    depth: node.depth + 1,
  })
}

const BLOCK = 512

/** Read each regular file of a ustar/GNU/pax tar archive as a nested blob. */
export async function readTar(s: ExtractSession, node: ExtractNode): Promise<void> {
  let offset = 0
  let count = 0
  let longName: string | undefined

  while (offset + BLOCK <= node.bytes.length) {
    const header = node.bytes.subarray(offset, offset + BLOCK)
    if (header.every((b) => b === 0)) return

    const size = Number.parseInt(field(header, 124, 12) || '0', 8)
    const type = String.fromCharCode(header[156] ?? 0)
    const body = node.bytes.subarray(offset + BLOCK, offset + BLOCK + size)
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK

    if (!Number.isFinite(size) || size < 0 || body.length < size) {
      s.flag(node.id, 'unscannable', 'tar: corrupt header')
      return
    }

    // GNU 'L' and pax 'x' records carry the real name of the next member.
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '')
      continue
    }
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? longName
      continue
    }

    const name = longName ?? joinUstarName(header)
    longName = undefined
    if (type !== '0' && type !== '\0' && type !== '7') continue

    count += 1
    if (count > s.limits.maxEntries) {
      s.flag(node.id, 'unscannable', `limit: maxEntries ${s.limits.maxEntries} exceeded`)
      return
    }
    if (s.stopIfOverTime(node.id)) return

    const id = `${node.id}/${name}`
    await s.readNested({ id, bytes: body, filename: baseName(name), depth: node.depth + 1 })
  }
}

function joinUstarName(header: Buffer): string {
  const name = field(header, 0, 100)
  const prefix = field(header, 345, 155)
  return prefix.length > 0 ? `${prefix}/${name}` : name
}

function field(header: Buffer, start: number, length: number): string {
  return header
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '')
    .trim()
}
