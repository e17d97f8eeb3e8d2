// Reads the DATA stream of one transaction: bounded memory, the size limit enforced by the
// relay itself, line endings checked for bare LF / bare CR, and NUL bytes refused.
import type { Readable } from 'node:stream'
import type { ByteBudget } from './byte-budget.js'

export type ReceivedData =
  | { readonly kind: 'ok'; readonly raw: Buffer }
  | { readonly kind: 'too-big'; readonly bytes: number }
  /** The relay's budget for messages being received was spent: the bytes are not kept. */
  | { readonly kind: 'over-budget'; readonly bytes: number }
  | { readonly kind: 'bare-line-ending' }
  | { readonly kind: 'nul-byte' }

const CR = 0x0d
const LF = 0x0a

/**
 * Collects the message. Past `maxBytes` nothing more is kept (the rest is read and discarded,
 * so memory stays bounded), and the result is `too-big` whatever the client declared in SIZE.
 * What is kept is taken from `budget` chunk by chunk, for `source` (the client's address); when a chunk does not fit, what was taken
 * is given back, the rest is read and discarded, and the result is `over-budget`. On `ok` the
 * caller holds `raw.length` bytes of the budget and gives them back once the message is
 * answered.
 *
 * TODO: Messages are held in memory up to maxBytes instead of spilling to a spool file; the
 * parse stage (mailparser) needs the whole message in memory anyway. The budget bounds what all
 * of them take together.
 */
export async function receiveData(
  stream: Readable,
  maxBytes: number,
  budget?: ByteBudget,
  source = '',
): Promise<ReceivedData> {
  const chunks: Buffer[] = []
  let bytes = 0
  let taken = 0
  let isOverBudget = false
  let previous = -1
  let bareEnding = false
  let hasNul = false

  const dropKept = (): void => {
    chunks.length = 0
    budget?.give(taken, source)
    taken = 0
  }

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length
      if (bytes > maxBytes || isOverBudget) {
        if (taken > 0 || chunks.length > 0) dropKept()
        continue
      }
      if (budget !== undefined && !budget.take(chunk.length, source)) {
        isOverBudget = true
        dropKept()
        continue
      }
      taken += budget === undefined ? 0 : chunk.length

      if (!bareEnding) {
        bareEnding = hasBareLineEnding(chunk, previous)
        previous = chunk[chunk.length - 1] ?? previous
      }
      if (!hasNul) hasNul = chunk.includes(0)
      chunks.push(chunk)
    }
  } catch (error) {
    // The client went away mid-DATA: nothing is kept, so nothing stays taken.
    dropKept()
    throw error
  }

  if (bytes > maxBytes) return { kind: 'too-big', bytes }
  if (isOverBudget) return { kind: 'over-budget', bytes }
  let refusal: ReceivedData | undefined
  // A CR as the very last byte has no LF after it.
  if (bareEnding || previous === CR) refusal = { kind: 'bare-line-ending' }
  // RFC 5322 §3.5 and RFC 6152 leave NUL out of message text; a hop that strips it would read
  // "CRLF NUL . CRLF" as the end of the data and what follows as another transaction.
  else if (hasNul) refusal = { kind: 'nul-byte' }
  if (refusal !== undefined) {
    dropKept()
    return refusal
  }
  return { kind: 'ok', raw: Buffer.concat(chunks, bytes) }
}

/** True if `chunk` holds an LF not preceded by CR or a CR not followed by LF. */
export function hasBareLineEnding(chunk: Buffer, previousByte: number): boolean {
  if (previousByte === CR && chunk.length > 0 && chunk[0] !== LF) return true

  for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
    const before = i === 0 ? previousByte : chunk[i - 1]
    if (before !== CR) return true
  }
  for (let i = chunk.indexOf(CR); i !== -1; i = chunk.indexOf(CR, i + 1)) {
    // A CR at the end of a chunk is checked against the next chunk's first byte.
    if (i === chunk.length - 1) break
    if (chunk[i + 1] !== LF) return true
  }
  return false
}
