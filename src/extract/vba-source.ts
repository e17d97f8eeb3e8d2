// The source code of the VBA macros in an Office file (MS-OVBA): a DOCM/XLSM/PPTM's
// vbaProject.bin, or the VBA storage of a legacy .doc or .xls. A macro can hold what its author
// typed into it (a password, a connection string, a list of accounts) though no reader of the
// document sees it. Each module's source sits compressed in its own stream, from an offset the
// project's `dir` stream gives.
import iconv from 'iconv-lite'

/** One module's source as text. */
export interface VbaModule {
  readonly name: string
  readonly source: string
}

export type VbaSources =
  | {
      readonly ok: true
      readonly modules: readonly VbaModule[]
      readonly inflated: number
      /** Modules the dir stream names whose source could not be found. */
      readonly missing: number
    }
  | {
      readonly ok: false
      readonly reason: 'budget' | 'time' | 'corrupt'
      readonly inflated: number
    }

/** Thrown by `decompress` past its budget. */
class OverBudget extends Error {}

/** Thrown by `decompress` past its deadline. */
class OverTime extends Error {}

// How many chunks are decompressed between looks at the clock.
const CHUNKS_PER_CLOCK_CHECK = 4096

/**
 * The modules of the VBA storage whose streams `streamOf` gives by name ("dir", module stream
 * names). `budget` bounds the bytes all decompressed streams may come to: MS-OVBA's compression
 * can expand a chunk of a few bytes to 4,096, a thousandfold.
 */
export function vbaSources(
  streamOf: (name: string) => Buffer | undefined,
  budget: number,
  deadline = Number.POSITIVE_INFINITY,
): VbaSources {
  let inflated = 0
  const take = (compressed: Buffer): Buffer => {
    const out = decompress(compressed, budget - inflated, deadline)
    inflated += out.length
    return out
  }

  try {
    const dir = streamOf('dir')
    if (dir === undefined) return { ok: false, reason: 'corrupt', inflated }
    const project = readDir(take(dir))
    const modules: VbaModule[] = []
    let missing = 0
    // A module is read once whatever number of entries name it; a stream is fetched once.
    const seen = new Set<string>()
    const streams = new Map<string, Buffer | undefined>()
    for (const module of project.modules) {
      const key = `${module.stream}\u0000${module.offset}`
      if (seen.has(key)) continue
      seen.add(key)
      if (!streams.has(module.stream)) streams.set(module.stream, streamOf(module.stream))
      const stream = streams.get(module.stream)
      if (stream === undefined || module.offset >= stream.length) {
        missing += 1
        continue
      }
      const source = take(stream.subarray(module.offset))
      modules.push({ name: module.name, source: decodeSource(source, project.codePage) })
    }
    return { ok: true, modules, inflated, missing }
  } catch (error) {
    const reason =
      error instanceof OverBudget ? 'budget' : error instanceof OverTime ? 'time' : 'corrupt'
    return { ok: false, reason, inflated }
  }
}

interface ModuleEntry {
  name: string
  stream: string
  offset: number
}

// MS-OVBA §2.3.4.2 record ids of the dir stream that this reads.
const PROJECT_CODE_PAGE = 0x0003
const PROJECT_VERSION = 0x0009
const MODULE_NAME = 0x0019
const MODULE_STREAM_NAME = 0x001a
const MODULE_STREAM_NAME_UNICODE = 0x0032
const MODULE_OFFSET = 0x0031
const MODULE_TERMINATOR = 0x002b

/**
 * MS-OVBA §2.3.4.2: the dir stream is records of a 2-byte id, a 4-byte size and that many
 * bytes, but for PROJECTVERSION, whose size field says 4 and which holds 6 bytes after it.
 */
function readDir(dir: Buffer): { codePage: number; modules: ModuleEntry[] } {
  let codePage = 1252
  const modules: ModuleEntry[] = []
  let current: ModuleEntry = { name: '', stream: '', offset: 0 }

  for (let at = 0; at + 6 <= dir.length;) {
    const id = dir.readUInt16LE(at)
    const size = dir.readUInt32LE(at + 2)
    const data = at + 6
    at = data + (id === PROJECT_VERSION ? 6 : size)
    if (at > dir.length) throw new RangeError('dir record past the end')

    if (id === PROJECT_CODE_PAGE && size >= 2) codePage = dir.readUInt16LE(data)
    else if (id === MODULE_NAME)
      current.name = decodeSource(dir.subarray(data, data + size), codePage)
    // The compound file names streams in UTF-16: the Unicode form of the name is the one that
    // finds the stream; the code-page form (which may differ, or be a decoy) stands in where
    // it is missing.
    else if (id === MODULE_STREAM_NAME && current.stream === '') {
      current.stream = decodeSource(dir.subarray(data, data + size), codePage)
    } else if (id === MODULE_STREAM_NAME_UNICODE) {
      current.stream = dir.toString('utf16le', data, data + size)
    } else if (id === MODULE_OFFSET && size >= 4) current.offset = dir.readUInt32LE(data)
    else if (id === MODULE_TERMINATOR) {
      if (current.stream !== '') modules.push(current)
      current = { name: '', stream: '', offset: 0 }
    }
  }
  return { codePage, modules }
}

function decodeSource(bytes: Buffer, codePage: number): string {
  const encoding = codePage === 65001 ? 'utf8' : `cp${codePage}`
  return iconv.encodingExists(encoding) ? iconv.decode(bytes, encoding) : bytes.toString('latin1')
}

// MS-OVBA §2.4.1: a compressed container is a signature byte and chunks of at most 4,096
// decompressed bytes, each with a 2-byte header.
const CHUNK = 4096

/**
 * MS-OVBA §2.4.1.3 decompression; throws OverBudget past `budget` bytes of output, OverTime
 * past `deadline` (Date.now() milliseconds).
 */
export function decompress(
  data: Buffer,
  budget: number,
  deadline = Number.POSITIVE_INFINITY,
): Buffer {
  if (data[0] !== 0x01) throw new RangeError('not a compressed container')
  // One chunk's buffer serves them all; only what a chunk gives is kept (empty chunks, three
  // bytes each, once kept 4 KiB apiece: 4.8 GB for a 3 MB stream).
  const out = Buffer.alloc(CHUNK)
  const chunks: Buffer[] = []
  let total = 0

  for (let at = 1, chunk = 1; at + 2 <= data.length; chunk += 1) {
    if (chunk % CHUNKS_PER_CLOCK_CHECK === 0 && Date.now() > deadline) throw new OverTime()
    const header = data.readUInt16LE(at)
    const end = Math.min(data.length, at + (header & 0x0fff) + 3)
    const compressed = (header & 0x8000) !== 0
    out.fill(0)
    let length = 0

    if (!compressed) {
      length = data.copy(out, 0, at + 2, Math.min(data.length, at + 2 + CHUNK))
      at += 2 + CHUNK
    } else {
      at += 2
      while (at < end && length < CHUNK) {
        const flags = data[at++] ?? 0
        for (let bit = 0; bit < 8 && at < end && length < CHUNK; bit += 1) {
          if ((flags & (1 << bit)) === 0) {
            out[length++] = data[at++] ?? 0
            continue
          }
          if (at + 2 > end) break
          const token = data.readUInt16LE(at)
          at += 2
          // §2.4.1.3.19.1: the split between offset and length bits grows with the chunk's
          // decompressed position.
          const bitCount = Math.max(4, Math.ceil(Math.log2(Math.max(1, length))))
          const lengthMask = 0xffff >>> bitCount
          const copyLength = (token & lengthMask) + 3
          const offset = (token >>> (16 - bitCount)) + 1
          if (offset > length) throw new RangeError('copy token before the chunk')
          for (let i = 0; i < copyLength && length < CHUNK; i += 1) {
            out[length] = out[length - offset] ?? 0
            length += 1
          }
        }
      }
      at = end
    }

    total += length
    if (total > budget) throw new OverBudget()
    if (length > 0) chunks.push(Buffer.from(out.subarray(0, length)))
  }
  return Buffer.concat(chunks)
}
