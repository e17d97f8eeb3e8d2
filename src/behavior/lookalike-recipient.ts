// The autocomplete mistake: a new address that looks like one the sender writes to often
// (Martin for Marta), or a usual correspondent's name on an address never used before.
import type { RecipientHabit } from '../store/baseline-types.js'
import { describeFrequency } from './habit-words.js'
import type { ProfiledRecipient, SendView } from './send-view.js'
import { editDistance, normalizeName, skeleton } from './similarity.js'
import type { BehaviorSignal } from './types.js'

/** A usual recipient is one written to at least this often. */
const MIN_HABIT = 2

/** Names shorter than this ("Bob", "Team") match too many people to mean anything. */
const MIN_NAME_LENGTH = 5

/** Signals for outside addresses new to the sender that resemble a usual recipient. */
export function lookalikeRecipientSignals(view: SendView): BehaviorSignal[] {
  const sender = view.sender
  if (sender === undefined) return []

  const usual = [...sender.recipients.values()].filter((habit) => habit.count >= MIN_HABIT)
  const inSend = new Set(view.recipients.map((recipient) => recipient.key))
  const signals: BehaviorSignal[] = []
  for (const recipient of view.recipients) {
    if (!recipient.isExternal || recipient.sentBefore > 0) continue

    const match = bestMatch(recipient, usual, inSend)
    if (match === undefined) continue

    const habit = describeFrequency(match.habit, view.at)
    signals.push(
      match.kind === 'same-name'
        ? {
            code: 'same-name-new-address',
            text:
              `you write to ${match.habit.name} at ${match.habit.address} ${habit}; ` +
              `this send uses another address, ${recipient.address}`,
            recipients: [recipient.address],
          }
        : {
            code: 'lookalike-recipient',
            text:
              `you have never written to ${recipient.address}; you write to a similar ` +
              `address, ${match.habit.address}, ${habit}`,
            recipients: [recipient.address],
          },
    )
  }
  return signals
}

interface Match {
  readonly kind: 'same-name' | 'lookalike'
  readonly habit: RecipientHabit
}

/** The most used habit the recipient resembles; usual recipients also in this send don't count. */
function bestMatch(
  recipient: ProfiledRecipient,
  usual: readonly RecipientHabit[],
  inSend: ReadonlySet<string>,
): Match | undefined {
  const name = normalizeName(recipient.name)
  const local = recipient.local.toLowerCase()
  let best: Match | undefined
  for (const habit of usual) {
    if (inSend.has(habit.address)) continue
    if (best !== undefined && habit.count <= best.habit.count) continue

    const kind = compare(recipient, name, local, habit)
    if (kind !== undefined) best = { kind, habit }
  }
  return best
}

function compare(
  recipient: ProfiledRecipient,
  name: string,
  local: string,
  habit: RecipientHabit,
): Match['kind'] | undefined {
  const at = habit.address.lastIndexOf('@')
  const habitLocal = habit.address.slice(0, at)
  const habitDomain = habit.address.slice(at + 1)
  const habitName = normalizeName(habit.name)

  if (name.length >= MIN_NAME_LENGTH && name === habitName) return 'same-name'

  // Same mailbox name at another domain: marta.lopez@corp.example → marta.lopez@gmail.com.
  const isDistinctive = habitLocal.length >= 6 && /[a-z]/.test(habitLocal)
  if (isDistinctive && local === habitLocal && recipient.domainAscii !== habitDomain) {
    return 'lookalike'
  }

  const limit = habitLocal.length >= 8 ? 2 : habitLocal.length >= 4 ? 1 : 0
  const sameDomain = recipient.domainAscii === habitDomain
  if (sameDomain && limit > 0) {
    const distance = editDistance(local, habitLocal, limit)
    if (distance >= 1 && distance <= limit) return 'lookalike'
    if (skeleton(local) === skeleton(habitLocal)) return 'lookalike'
  }

  // Similar display names and similar mailboxes, across domains: "Marta Lopez" → "Martin Lopez".
  if (name.length >= MIN_NAME_LENGTH && habitName.length >= MIN_NAME_LENGTH) {
    const nameDistance = editDistance(name, habitName, 2)
    if (nameDistance <= 2 && editDistance(local, habitLocal, 3) <= 3) return 'lookalike'
  }
  return undefined
}
