// A usual group with one odd member: the sender writes to the same people together, and this
// time one outsider joins them or takes a usual member's place.
import type { GroupHabit, SenderBaseline } from '../store/baseline-types.js'
import { describeFrequency } from './habit-words.js'
import { registrableDomain } from './registrable-domain.js'
import type { ProfiledRecipient, SendView } from './send-view.js'
import { listAddresses } from './first-contact.js'
import type { BehaviorSignal } from './types.js'

/** A group seen this often is a habit. */
const MIN_GROUP_SENDS = 2

/**
 * TODO: Only the sender's own groups are known, not who writes with whom across the
 * organisation, so a new poster joining a mailing-list thread the sender used twice is raised
 * like an outsider (8 of 1,565 ordinary sends in eval:behavior's benign histories). Organisation
 * co-occurrence would tell the two apart; until then such sends are asked to justify once.
 *
 * Signals for an outside recipient added to, or swapped into, a usual group: someone new to
 * the sender, or known but never addressed together with anyone of the group.
 */
export function oddGroupMemberSignals(view: SendView): BehaviorSignal[] {
  const sender = view.sender
  if (sender === undefined || view.recipients.length < 3) return []

  const members = new Set(view.recipients.map((recipient) => recipient.key))
  let best: { group: GroupHabit; odd: ProfiledRecipient; missing: string | undefined } | undefined
  for (const group of sender.groups.values()) {
    if (group.count < MIN_GROUP_SENDS) continue
    if (best !== undefined && group.count <= best.group.count) continue

    const found = compareGroup(group, members, view.recipients, sender)
    if (found !== undefined) best = { group, ...found }
  }
  if (best === undefined) return []

  const { group, odd, missing } = best
  const usual = `you usually write to ${listAddresses(group.members)} together (${describeFrequency(
    { count: group.count, firstSeen: sender.firstSeen },
    view.at,
  )})`
  const who = odd.sentBefore === 0 ? 'whom you have never written to' : 'whom you write to apart'
  const change =
    missing === undefined
      ? `${odd.address}, ${who}, joins them`
      : `${odd.address}, ${who}, takes the place of ${missing}`
  return [{ code: 'odd-group-member', text: `${usual}; ${change}`, recipients: [odd.address] }]
}

function compareGroup(
  group: GroupHabit,
  members: ReadonlySet<string>,
  recipients: readonly ProfiledRecipient[],
  sender: SenderBaseline,
): { odd: ProfiledRecipient; missing: string | undefined } | undefined {
  const missing = group.members.filter((member) => !members.has(member))
  if (missing.length > 1) return undefined

  const groupSet = new Set(group.members)
  const extra = recipients.filter((recipient) => !groupSet.has(recipient.key))
  if (extra.length !== 1) return undefined

  const [odd] = extra
  if (odd === undefined || !isOutsider(odd, group, sender)) return undefined
  if (missing.length === 1 && group.members.length < 3) return undefined
  return { odd, missing: missing[0] }
}

/**
 * Outside, at an organisation none of the group's members belong to, and either new to the
 * sender or never in a send with any of the group (among the groups kept, MAX_GROUPS).
 */
function isOutsider(
  recipient: ProfiledRecipient,
  group: GroupHabit,
  sender: SenderBaseline,
): boolean {
  if (!recipient.isExternal) return false
  const site = registrableDomain(recipient.domainAscii)
  const sharesSite = group.members.some(
    (member) => registrableDomain(member.slice(member.lastIndexOf('@') + 1)) === site,
  )
  if (sharesSite) return false
  if (recipient.sentBefore === 0) return true

  const members = new Set(group.members)
  for (const other of sender.groups.values()) {
    if (!other.members.includes(recipient.key)) continue
    if (other.members.some((member) => members.has(member))) return false
  }
  return true
}
