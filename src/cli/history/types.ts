// A sent-mail history as `baseline learn` and `replay` read it: entries in time order, each
// loaded as a raw message with the envelope the relay would have seen for it.
import type { Envelope } from '../../smtp/types.js'

/** One send of a history, indexed (time, id) but not yet read. */
export interface HistoryEntry {
  /** Where the send comes from, for messages to people: "sent.mbox message 12". */
  readonly origin: string
  /** Message-ID header (or the `message_id` of a JSONL send); the origin when there is none. */
  readonly messageId: string
  /** When it was sent: the Date header, else the mbox `From ` line, else the file's time. */
  readonly at: Date
  load(): Promise<HistoryMessage>
}

export interface HistoryMessage {
  readonly raw: Buffer
  readonly envelope: Envelope
  /** Recipients left out because no mailbox could be read from them (a bare name, an X.500 id). */
  readonly skippedRecipients: number
}

/** A problem with the input that stops the command, worded for the operator. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HistoryError'
  }
}

/** Something read past rather than stopped for: a file in a folder that is not a message. */
export interface HistoryNote {
  readonly origin: string
  readonly problem: string
}

export interface History {
  /** Sorted by time; sends with equal times keep the order they were read in. */
  readonly entries: readonly HistoryEntry[]
  readonly notes: readonly HistoryNote[]
}
