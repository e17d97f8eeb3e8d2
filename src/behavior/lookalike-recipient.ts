// The autocomplete mistake: a new address that looks like one the sender writes to often
// (Martin for Marta), or a usual correspondent's name on an address never used before.
import type { RecipientHabit } from '../store/baseline-types.js'
import { describeFrequency } from './habit-words.js'
import { shapeOf } from './domain-shape.js'
import type { ProfiledRecipient, SendView } from './send-view.js'
import { editDistance, normalizeName, skeleton } from './similarity.js'
import type { BehaviorSignal } from './types.js'

/** A usual recipient is one written to at least this often. */
const MIN_HABIT = 2

/** Names shorter than this ("Bob", "Team") match too many people to mean anything. */
const MIN_NAME_LENGTH = 5

/**
 * Another address in the name of a usual correspondent is a question only at a domain few in
 * the organisation write to (or at free mail): at a domain many colleagues use, it is far more
 * often the person's other role (a maintainer alias, a new employer everyone mails).
 */
const MAX_ORG_SENDERS = 1

/** Signals for outside addresses new to the sender that resemble a usual recipient. */
export function lookalikeRecipientSignals(view: SendView): BehaviorSignal[] {
  const sender = view.sender
  if (sender === undefined) return []

  // Listed only when a recipient needs comparing: most sends go to known addresses only.
  let usual: RecipientHabit[] | undefined
  const inSend = new Set(view.recipients.map((recipient) => recipient.key))
  const signals: BehaviorSignal[] = []
  for (const recipient of view.recipients) {
    if (!recipient.isExternal || recipient.sentBefore > 0) continue
    if (recipient.key === view.senderAddress) continue

    usual ??= sender.recipients.atLeast(MIN_HABIT)
    const match = bestMatch(recipient, usual, inSend, prepared(sender.recipients))
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
  ready: Map<string, PreparedHabit>,
): Match | undefined {
  const candidate = {
    recipient,
    name: normalizeName(recipient.name),
    local: baseLocal(recipient.local.toLowerCase()),
    localShape: skeleton(baseLocal(recipient.local.toLowerCase())),
    site: shapeOf(recipient.domainAscii).site,
    isUnfamiliarDomain: recipient.isFreeMail || recipient.orgDomainSenders <= MAX_ORG_SENDERS,
  }
  let best: Match | undefined
  for (const habit of usual) {
    if (inSend.has(habit.address)) continue
    if (best !== undefined && habit.count <= best.habit.count) continue

    const kind = compare(candidate, prepare(habit, ready))
    if (kind !== undefined) best = { kind, habit }
  }
  return best
}

interface Candidate {
  readonly recipient: ProfiledRecipient
  readonly name: string
  readonly local: string
  readonly localShape: string
  readonly site: string
  readonly isUnfamiliarDomain: boolean
}

/** A usual recipient in comparable form. */
interface PreparedHabit {
  /** The display name it was prepared from: a name learned since means preparing again. */
  readonly rawName: string
  readonly local: string
  readonly domain: string
  readonly site: string
  readonly name: string
  readonly localShape: string
}

/**
 * Habits prepared so far, per sender (its recipients map, which lives as long as the sender is
 * cached) and address. The store makes a new habit object on every read, so the habit itself
 * cannot be the key.
 */
const preparedBySender = new WeakMap<object, Map<string, PreparedHabit>>()

function prepared(recipients: object): Map<string, PreparedHabit> {
  let ready = preparedBySender.get(recipients)
  if (ready === undefined) {
    ready = new Map()
    preparedBySender.set(recipients, ready)
  }
  return ready
}

/** Normalising names costs more than comparing them; each habit is prepared once. */
function prepare(habit: RecipientHabit, prepared: Map<string, PreparedHabit>): PreparedHabit {
  let ready = prepared.get(habit.address)
  if (ready === undefined || ready.rawName !== habit.name) {
    const at = habit.address.lastIndexOf('@')
    const domain = habit.address.slice(at + 1)
    ready = {
      rawName: habit.name,
      local: baseLocal(habit.address.slice(0, at)),
      domain,
      site: shapeOf(domain).site,
      name: normalizeName(habit.name),
      localShape: skeleton(baseLocal(habit.address.slice(0, at))),
    }
    prepared.set(habit.address, ready)
  }
  return ready
}

function compare(candidate: Candidate, ready: PreparedHabit): Match['kind'] | undefined {
  const { recipient, name, local, site } = candidate
  const { local: habitLocal, name: habitName } = ready
  const sameDomain = recipient.domainAscii === ready.domain
  const sameSite = site === ready.site

  // One mailbox under several spellings (kevin+lists@, lists.example / example.example).
  if (local === habitLocal && sameSite) return undefined

  // A usual name, or the same mailbox name, at another organisation's address:
  // "Marta Lopez" <marta.lopez@partner.example> → <mlopez77@mail.example>.
  if (!sameSite && candidate.isUnfamiliarDomain) {
    if (name.length >= MIN_NAME_LENGTH && name === habitName) return 'same-name'
    const isDistinctive = habitLocal.length >= 6 && /[a-z]/.test(habitLocal)
    if (isDistinctive && local === habitLocal) return 'lookalike'
  }

  const limit = localLimit(local, habitLocal)
  if (sameDomain && limit > 0) {
    const distance = editDistance(local, habitLocal, limit)
    if (distance >= 1 && distance <= limit) return 'lookalike'
    if (candidate.localShape === ready.localShape) return 'lookalike'
  }

  // Similar display names and similar mailboxes, across domains: "Marta Lopez" → "Martin Lopez".
  if (name.length >= MIN_NAME_LENGTH && habitName.length >= MIN_NAME_LENGTH && name !== habitName) {
    const nameDistance = editDistance(name, habitName, 2)
    if (nameDistance <= 2 && editDistance(local, habitLocal, 3) <= 3) return 'lookalike'
  }
  return undefined
}

/**
 * Edits that still make a look-alike of a mailbox name: two for long names, and for names of
 * five or more letters when the first three agree (autocomplete offers what was typed:
 * marta → martin); one for four-letter names; none below, where every edit is another name.
 */
function localLimit(local: string, habitLocal: string): number {
  const length = habitLocal.length
  if (length >= 8) return 2
  if (length >= 5) return local.slice(0, 3) === habitLocal.slice(0, 3) ? 2 : 1
  return length >= 4 ? 1 : 0
}

/** The mailbox without a `+tag` (RFC 5233 subaddress): kevin+lists → kevin. */
function baseLocal(local: string): string {
  const plus = local.indexOf('+')
  return plus > 0 ? local.slice(0, plus) : local
}
