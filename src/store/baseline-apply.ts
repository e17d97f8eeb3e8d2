// Applies one observed send to the in-memory baselines, and says what changed so the SQLite
// store can write the same increments.
import type {
  GroupHabit,
  OrgBaseline,
  SendObservation,
  SenderBaseline,
  VolumeHabits,
  VolumeStat,
} from './baseline-types.js'
import { CountTable } from './count-table.js'
import { GroupTable } from './group-table.js'
import { RecipientTable } from './recipient-table.js'

/** Sends with more recipients than this are broadcasts, not a group people work in. */
export const MAX_GROUP_SIZE = 15

/**
 * Groups kept per sender. Each send is compared with every group, so the cap bounds that
 * work; 64 covers the working groups of a busy sender (the least used are dropped first).
 */
export const MAX_GROUPS = 64

export interface MutableSender extends SenderBaseline {
  name: string
  sends: number
  firstSeen: number
  lastSeen: number
  readonly recipients: RecipientTable
  readonly domains: CountTable
  readonly groups: GroupTable
  groupSends: number
  repeatGroupSends: number
  readonly hours: number[]
  volumes: VolumeHabits
}

export interface MutableOrg extends OrgBaseline {
  sends: number
  senders: number
  readonly domains: Map<
    string,
    { sends: number; senders: number; firstSeen: number; lastSeen: number }
  >
  readonly hours: number[]
  volumes: VolumeHabits
}

/** What one observation changed, for the durable write. */
export interface AppliedChange {
  readonly isNewSender: boolean
  /** Distinct domains of this send, with whether the sender wrote to each before. */
  readonly domains: readonly { readonly domain: string; readonly isNewForSender: boolean }[]
  readonly groupKey: string | undefined
  /** True when the group was seen before (the send repeats a usual group). */
  readonly isRepeatGroup: boolean
  readonly evictedGroup: string | undefined
  readonly values: {
    readonly recipients: number
    readonly attachmentBytes: number
    readonly findings: number
    readonly visibleExternal: number
  }
}

export const EMPTY_STAT: VolumeStat = { sum: 0, sumSq: 0, max: 0 }

export function emptyVolumes(): VolumeHabits {
  return {
    recipients: EMPTY_STAT,
    attachmentBytes: EMPTY_STAT,
    findings: EMPTY_STAT,
    visibleExternal: EMPTY_STAT,
  }
}

export function emptySender(
  sender: string,
  recipients = new RecipientTable(),
  domains = new CountTable(),
  groups = new GroupTable(),
): MutableSender {
  return {
    sender,
    name: '',
    sends: 0,
    firstSeen: 0,
    lastSeen: 0,
    recipients,
    domains,
    groups,
    groupSends: 0,
    repeatGroupSends: 0,
    hours: new Array<number>(168).fill(0),
    volumes: emptyVolumes(),
  }
}

export function emptyOrg(): MutableOrg {
  return {
    sends: 0,
    senders: 0,
    domains: new Map(),
    hours: new Array<number>(168).fill(0),
    volumes: emptyVolumes(),
  }
}

/** The key of a group of recipients, or undefined when the send is not a group send. */
export function groupKeyOf(addresses: readonly string[]): string | undefined {
  const members = [...new Set(addresses)].sort()
  if (members.length < 2 || members.length > MAX_GROUP_SIZE) return undefined
  return members.join('\n')
}

/** Adds the observation to both baselines in place. */
export function applyObservation(
  sender: MutableSender,
  org: MutableOrg,
  observation: SendObservation,
): AppliedChange {
  const at = observation.at.getTime()
  const isNewSender = sender.sends === 0

  const domains = [...new Set(observation.recipients.map((recipient) => recipient.domain))].map(
    (domain) => ({ domain, isNewForSender: !sender.domains.has(domain) }),
  )

  sender.sends += 1
  sender.firstSeen = isNewSender ? at : Math.min(sender.firstSeen, at)
  sender.lastSeen = Math.max(sender.lastSeen, at)
  if (observation.senderName !== '') sender.name = observation.senderName
  for (const recipient of observation.recipients) addRecipient(sender, recipient, at)
  sender.hours[observation.hourOfWeek] = (sender.hours[observation.hourOfWeek] ?? 0) + 1

  // Observations kept with held messages are read back from JSON, possibly written by an older
  // version without a count: a missing or broken count is 0, never NaN in a sum.
  const values = {
    recipients: observation.recipients.length,
    attachmentBytes: countOf(observation.attachmentBytes),
    findings: countOf(observation.findings),
    visibleExternal: countOf(observation.visibleExternal),
  }
  sender.volumes = addVolumes(sender.volumes, values)

  const groupKey = groupKeyOf(observation.recipients.map((recipient) => recipient.address))
  const isRepeatGroup = groupKey !== undefined && sender.groups.has(groupKey)
  if (groupKey !== undefined) sender.groupSends += 1
  if (isRepeatGroup) sender.repeatGroupSends += 1
  const evictedGroup = groupKey === undefined ? undefined : addGroup(sender, groupKey, at)

  org.sends += 1
  if (isNewSender) org.senders += 1
  org.hours[observation.hourOfWeek] = (org.hours[observation.hourOfWeek] ?? 0) + 1
  org.volumes = addVolumes(org.volumes, values)
  for (const { domain, isNewForSender } of domains) {
    const known = org.domains.get(domain)
    org.domains.set(domain, {
      sends: (known?.sends ?? 0) + 1,
      senders: (known?.senders ?? 0) + (isNewForSender ? 1 : 0),
      firstSeen: known === undefined ? at : Math.min(known.firstSeen, at),
      lastSeen: Math.max(known?.lastSeen ?? 0, at),
    })
  }

  return { isNewSender, domains, groupKey, isRepeatGroup, evictedGroup, values }
}

function addRecipient(
  sender: MutableSender,
  recipient: SendObservation['recipients'][number],
  at: number,
): void {
  const known = sender.recipients.get(recipient.address)
  sender.recipients.set(recipient.address, {
    address: recipient.address,
    name: recipient.name !== '' ? recipient.name : (known?.name ?? ''),
    count: (known?.count ?? 0) + 1,
    firstSeen: known === undefined ? at : Math.min(known.firstSeen, at),
    lastSeen: Math.max(known?.lastSeen ?? 0, at),
  })
  sender.domains.set(recipient.domain, (sender.domains.get(recipient.domain) ?? 0) + 1)
}

/** Counts the group; returns the key of a group dropped to stay within MAX_GROUPS. */
function addGroup(sender: MutableSender, key: string, at: number): string | undefined {
  const known = sender.groups.get(key)
  sender.groups.set(key, {
    count: (known?.count ?? 0) + 1,
    lastSeen: Math.max(known?.lastSeen ?? 0, at),
  })
  if (sender.groups.size <= MAX_GROUPS) return undefined

  let weakest: [string, GroupHabit] | undefined
  for (const entry of sender.groups) {
    if (entry[0] === key) continue
    const [, group] = entry
    const isWeaker =
      weakest === undefined ||
      group.count < weakest[1].count ||
      (group.count === weakest[1].count && group.lastSeen < weakest[1].lastSeen)
    if (isWeaker) weakest = entry
  }
  if (weakest !== undefined) sender.groups.delete(weakest[0])
  return weakest?.[0]
}

export function addVolumes(volumes: VolumeHabits, values: AppliedChange['values']): VolumeHabits {
  return {
    recipients: addStat(volumes.recipients, values.recipients),
    attachmentBytes: addStat(volumes.attachmentBytes, values.attachmentBytes),
    findings: addStat(volumes.findings, values.findings),
    visibleExternal: addStat(volumes.visibleExternal, values.visibleExternal),
  }
}

function addStat(stat: VolumeStat, value: number): VolumeStat {
  const x = Math.log1p(value)
  return { sum: stat.sum + x, sumSq: stat.sumSq + x * x, max: Math.max(stat.max, value) }
}

function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0
}
