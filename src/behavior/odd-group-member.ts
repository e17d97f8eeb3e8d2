// A usual group with one odd member: the sender writes to the same people together, and this
// time one outsider joins them or takes a usual member's place.
import type { GroupHabit } from '../store/baseline-types.js'
import { describeFrequency } from './habit-words.js'
import type { ProfiledRecipient, SendView } from './send-view.js'
import { listAddresses } from './first-contact.js'
import type { BehaviorSignal } from './types.js'

/** A group seen this often is a habit. */
const MIN_GROUP_SENDS = 2

/** Signals for a new outside recipient added to, or swapped into, a usual group. */
export function oddGroupMemberSignals(view: SendView): BehaviorSignal[] {
  const sender = view.sender
  if (sender === undefined || view.recipients.length < 3) return []

  const members = new Set(view.recipients.map((recipient) => recipient.key))
  let best: { group: GroupHabit; odd: ProfiledRecipient; missing: string | undefined } | undefined
  for (const group of sender.groups.values()) {
    if (group.count < MIN_GROUP_SENDS) continue
    if (best !== undefined && group.count <= best.group.count) continue

    const found = compareGroup(group, members, view.recipients)
    if (found !== undefined) best = { group, ...found }
  }
  if (best === undefined) return []

  const { group, odd, missing } = best
  const usual = `you usually write to ${listAddresses(group.members)} together (${describeFrequency(
    { count: group.count, firstSeen: sender.firstSeen },
    view.at,
  )})`
  const change =
    missing === undefined
      ? `${odd.address} is new to that group`
      : `${odd.address}, whom you have never written to, takes the place of ${missing}`
  return [{ code: 'odd-group-member', text: `${usual}; ${change}`, recipients: [odd.address] }]
}

function compareGroup(
  group: GroupHabit,
  members: ReadonlySet<string>,
  recipients: readonly ProfiledRecipient[],
): { odd: ProfiledRecipient; missing: string | undefined } | undefined {
  const missing = group.members.filter((member) => !members.has(member))
  if (missing.length > 1) return undefined

  const groupSet = new Set(group.members)
  const extra = recipients.filter((recipient) => !groupSet.has(recipient.key))
  if (extra.length !== 1) return undefined

  const [odd] = extra
  if (odd === undefined || !isOutsider(odd, group)) return undefined
  if (missing.length === 1 && group.members.length < 3) return undefined
  return { odd, missing: missing[0] }
}

/** New to the sender, outside, and at a domain none of the group's members share. */
function isOutsider(recipient: ProfiledRecipient, group: GroupHabit): boolean {
  if (!recipient.isExternal || recipient.sentBefore > 0) return false
  return !group.members.some((member) => member.endsWith(`@${recipient.domainAscii}`))
}
