// The baseline store's contract: what is remembered about each sender's habits and about the
// organisation as a whole. SQLite is the embedded implementation; lookups come from memory.

/** Sums over log1p(value) of every send, so mean and spread come out without a second pass. */
export interface VolumeStat {
  readonly sum: number
  readonly sumSq: number
  /** Largest raw value seen. */
  readonly max: number
}

export interface VolumeHabits {
  readonly recipients: VolumeStat
  readonly attachmentBytes: VolumeStat
  readonly findings: VolumeStat
  /** Outside addresses visible to each other in To/Cc. */
  readonly visibleExternal: VolumeStat
}

/** One address a sender writes to. Times are epoch milliseconds. */
export interface RecipientHabit {
  /** Lower-cased mailbox. */
  readonly address: string
  /** The display name last seen for it in To/Cc, or ''. */
  readonly name: string
  readonly count: number
  readonly firstSeen: number
  readonly lastSeen: number
}

/** A sender's recipients by lower-cased address, in the order first written to. */
export interface RecipientHabits extends ReadonlyMap<string, RecipientHabit> {
  /** The habits written to at least `count` times, in order (without building the others). */
  atLeast(count: number): RecipientHabit[]
}

/** Recipients a sender addresses together: the sorted, lower-cased mailboxes of one send. */
export interface GroupHabit {
  readonly members: readonly string[]
  readonly count: number
  readonly lastSeen: number
}

export interface SenderBaseline {
  readonly sender: string
  readonly name: string
  readonly sends: number
  readonly firstSeen: number
  readonly lastSeen: number
  readonly recipients: RecipientHabits
  /** Recipient occurrences per domain (ASCII form). */
  readonly domains: ReadonlyMap<string, number>
  /** Keyed by the members joined with newlines. */
  readonly groups: ReadonlyMap<string, GroupHabit>
  /** Sends to a group (2 to 15 recipients), and how many of them repeated an earlier group. */
  readonly groupSends: number
  readonly repeatGroupSends: number
  /** Sends per hour of the week, 0 = Monday 00:00 in the configured time zone; 168 entries. */
  readonly hours: readonly number[]
  readonly volumes: VolumeHabits
}

/** How much the whole organisation writes to one domain. */
export interface DomainPrevalence {
  readonly sends: number
  readonly senders: number
  readonly firstSeen: number
  readonly lastSeen: number
}

export interface OrgBaseline {
  readonly sends: number
  readonly senders: number
  readonly domains: ReadonlyMap<string, DomainPrevalence>
  readonly hours: readonly number[]
  readonly volumes: VolumeHabits
}

/** What learning records about one released send. */
export interface SendObservation {
  readonly sender: string
  readonly senderName: string
  readonly at: Date
  /** 0..167, in the configured time zone. */
  readonly hourOfWeek: number
  readonly recipients: readonly {
    readonly address: string
    readonly domain: string
    readonly name: string
  }[]
  readonly attachments: number
  readonly attachmentBytes: number
  readonly findings: number
  /** Outside addresses in To/Cc, which every recipient sees. */
  readonly visibleExternal: number
}

export interface BaselineStore {
  /** The sender's baseline (from the in-memory cache, loaded on a miss), or undefined. */
  sender(address: string): Promise<SenderBaseline | undefined>
  org(): Promise<OrgBaseline>
  /** Adds one send to the sender's and the organisation's baselines, durably. */
  learn(observation: SendObservation): Promise<void>
  /** Adds many sends in one transaction (bulk bootstrap); all or none are kept. */
  learnBatch(observations: readonly SendObservation[]): Promise<void>
  /** Every sender with a baseline, sorted. */
  listSenders(): Promise<string[]>
  close(): Promise<void>
}
