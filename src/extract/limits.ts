// Default limits for the extract stage. Each one caps a resource a hostile attachment could
// exhaust; hitting one yields an UNSCANNABLE finding naming the limit, and the rest of the
// message is still read.
import type { ExtractLimits } from './types.js'

const MIB = 1024 * 1024

/** Limits used when the configuration does not override them. */
export const defaultExtractLimits: ExtractLimits = {
  // Prevents "zip in zip in zip" recursion from hiding data past a scanner that gives up, and
  // bounds the stack of open containers. Real mail rarely nests more than 3 levels (mail, zip,
  // document); 8 leaves room for a forwarded mail holding an archive of Office files, while
  // C22a's 12 levels stop with a named limit instead of an open-ended walk.
  maxDepth: 8,

  // Prevents archives of many tiny entries (directory bombs) from turning one part into a
  // million reads. 1,000 covers large real project exports; past it the rest is reported.
  maxEntries: 1000,

  // Prevents one message from handing the detect stage more text than it can scan in the
  // latency budget (DESIGN: under 100 ms p99 for typical mail). 16 MiB of text is far beyond a
  // typical 150 MB Exchange message's readable text and keeps worker memory bounded.
  maxTextBytes: 16 * MIB,

  // Prevents decompression bombs: an entry that expands more than 100 times its stored size
  // (C22b's zeros expand ~1000:1) is cut off while streaming. Office XML and text compress
  // 5-20:1, so 100 leaves a wide margin for honest files. Checked only past 1 MiB of output,
  // since tiny files of repeated characters legitimately reach high ratios.
  maxRatio: 100,

  // Prevents one slow document (a pathological PDF) from holding a worker thread: checked
  // between entries and pages. 5 s is 50 times the 100 ms p99 promise, so only hostile or
  // broken files reach it, and the SMTP client still gets its reply well inside its timeout.
  partTimeMs: 5000,

  // Prevents archives from inflating more than this many bytes in total for one message,
  // whatever their ratio: memory stays bounded even for many moderate entries.
  maxInflatedBytes: 64 * MIB,
}

/** Output size below which the expansion ratio is not checked (see maxRatio). */
export const RATIO_FLOOR_BYTES = MIB

/** Fallback for configurations written before maxInflatedBytes existed. */
export function inflatedBudgetOf(limits: ExtractLimits): number {
  return limits.maxInflatedBytes ?? 64 * MIB
}
