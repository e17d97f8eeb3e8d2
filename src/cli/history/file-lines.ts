// Reading large files by byte ranges: a history (a years-long mbox, a JSONL export) can be far
// larger than memory, so it is indexed line by line and each message is read again when used.
import { closeSync, openSync, readSync } from 'node:fs'

/** Chunk read at a time while indexing; large enough that reads are few, small enough to ignore. */
const CHUNK_BYTES = 1 << 20

export interface LineSpan {
  /** Byte offset of the line's first byte. */
  readonly start: number
  /** Byte offset just past the line feed (or the end of the file). */
  readonly end: number
  /** The line's first bytes (up to 16), enough to recognise a `From ` separator. */
  readonly prefix: Buffer
}

/** Calls `visit` for every line of the file, in order, without holding the file in memory. */
export function scanLines(path: string, visit: (line: LineSpan) => void): void {
  const fd = openSync(path, 'r')
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES)
    let lineStart = 0
    let prefix = Buffer.alloc(0)
    let position = 0
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, position)
      if (read === 0) break

      let from = 0
      while (from < read) {
        const newline = chunk.indexOf(0x0a, from)
        const stop = newline === -1 || newline >= read ? read : newline + 1
        if (prefix.length < 16) {
          const take = chunk.subarray(from, Math.min(stop, from + 16 - prefix.length))
          prefix = Buffer.concat([prefix, take])
        }
        from = stop
        if (newline !== -1 && newline < read) {
          visit({ start: lineStart, end: position + stop, prefix })
          lineStart = position + stop
          prefix = Buffer.alloc(0)
        }
      }
      position += read
    }
    if (position > lineStart) visit({ start: lineStart, end: position, prefix })
  } finally {
    closeSync(fd)
  }
}

/** The bytes `start..end` of a file. */
export function readRange(path: string, start: number, end: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(end - start)
    let done = 0
    while (done < buffer.length) {
      const read = readSync(fd, buffer, done, buffer.length - done, start + done)
      if (read === 0) break
      done += read
    }
    return buffer.subarray(0, done)
  } finally {
    closeSync(fd)
  }
}
