// Planted incidents for the behaviour evaluation: each kind of mistake from issue 5, made from
// what a sender had done up to the point where it is planted, with a seeded random generator.
// Plants are generic: random edits, random confusables, random outsiders; nothing here knows
// the detectors' thresholds.
import { domainToASCII } from 'node:url'
import {
  Rng,
  FREE_MAIL,
  ASCII_LOOKALIKES,
  SCRIPT_LOOKALIKES,
  title,
  randomDomain,
  stranger,
  editOnce,
  edit,
  splitDomain,
  joinDomain,
  usualExternal,
  anyExternal,
  neutral,
  fillerFile,
  localOf,
  domainOf,
  party,
  peopleRows,
  iban,
} from './plant-material.js'

/** One ordinary send as the evaluation saw it in the clean replay. */
export interface SeenSend {
  readonly sender: string
  readonly senderName: string
  readonly at: Date
  readonly hourOfWeek: number
  readonly recipients: readonly SeenRecipient[]
  readonly attachmentBytes: number
}

export interface SeenRecipient {
  /** Lower-cased address, as baselines key it. */
  readonly key: string
  readonly address: string
  readonly name: string
  readonly domain: string
  readonly isExternal: boolean
}

/** What the sender had done before the plant: built from their earlier sends only. */
export interface SenderHabit {
  readonly sender: string
  readonly senderName: string
  readonly sends: readonly SeenSend[]
  readonly recipients: ReadonlyMap<string, SeenRecipient & { readonly count: number }>
  readonly groups: readonly { readonly members: readonly SeenRecipient[]; readonly count: number }[]
  readonly maxAttachmentBytes: number
  readonly hours: readonly number[]
}

export interface Party {
  readonly name: string
  readonly address: string
}

export interface PlantedSend {
  readonly to: readonly Party[]
  readonly cc: readonly Party[]
  readonly subject: string
  readonly text: string
  readonly attachments: readonly {
    readonly filename: string
    readonly contentType: string
    readonly content: Buffer
  }[]
  /** Set when the kind is about the time; otherwise the plant goes out at a usual hour. */
  readonly at?: Date
  /** Extra header fields (a Purview msip_labels header, say). */
  readonly headers?: Readonly<Record<string, string>>
  /** How the plant was made, for the report of misses: the edit, not the detector's words. */
  readonly how: string
}

export const PLANT_KINDS = [
  'lookalike-recipient',
  'same-name-new-address',
  'typo-domain',
  'homoglyph-domain',
  'punycode-domain',
  'odd-group-member',
  'replaced-group-member',
  'personal-webmail',
  'exposed-recipients',
  'unusual-hour',
  'unusual-attachment-volume',
  'unusual-findings-volume',
  'sensitive-to-new-recipient',
  'new-domain-customer-list',
] as const

export type PlantKind = (typeof PLANT_KINDS)[number]

/** The signal each kind is about; a catch by another rule still counts as caught. */
export const EXPECTED_SIGNALS: Readonly<Record<PlantKind, readonly string[]>> = {
  'lookalike-recipient': ['lookalike-recipient', 'same-name-new-address'],
  'same-name-new-address': ['same-name-new-address', 'lookalike-recipient'],
  'typo-domain': ['lookalike-domain'],
  'homoglyph-domain': ['lookalike-domain'],
  'punycode-domain': ['lookalike-domain'],
  'odd-group-member': ['odd-group-member'],
  'replaced-group-member': ['odd-group-member'],
  'personal-webmail': ['personal-webmail'],
  'exposed-recipients': ['exposed-recipients'],
  'unusual-hour': ['unusual-hour'],
  'unusual-attachment-volume': ['unusual-volume'],
  'unusual-findings-volume': ['unusual-volume'],
  'sensitive-to-new-recipient': ['first-contact-recipient'],
  'new-domain-customer-list': ['first-contact-domain'],
}

/** Everything a plant may draw on besides the sender's own habit. */
export interface PlantContext {
  readonly rng: Rng
  /** External addresses the organisation had written to before the plant. */
  readonly orgPool: readonly SeenRecipient[]
  /** The organisation's ordinary sends per hour of the week before the plant. */
  readonly orgHours: readonly number[]
  /** Every address anyone in the organisation has used, before or after: plants avoid them. */
  readonly everyAddress: ReadonlySet<string>
  readonly everyDomain: ReadonlySet<string>
}

// ---------------------------------------------------------------------------------------------
// The plants, one function per kind. Each returns undefined when the sender's history has no
// material for it (no usual recipient, no usual group).

export type Planter = (habit: SenderHabit, ctx: PlantContext) => PlantedSend | undefined

const lookalikeRecipient: Planter = (habit, ctx) => {
  const candidates = usualExternal(habit).filter((r) => /[a-z]{3}/i.test(localOf(r.key)))
  if (candidates.length === 0) return undefined
  const { rng } = ctx
  const usual = rng.pick(candidates)

  const local = localOf(usual.key)
  const tokens = local.split(/([._-])/)
  const wordIndexes = tokens.flatMap((token, i) => (/^[a-z]{3,}$/i.test(token) ? [i] : []))
  const chosen = rng.pick(wordIndexes.length > 0 ? wordIndexes : [0])
  const original = tokens[chosen] ?? local
  // A look-alike keeps most of the word: one edit in a short one, one or two in a longer one.
  const edits = original.length >= 6 ? rng.int(1, 2) : 1
  const changed = edit(original.toLowerCase(), edits, rng)
  tokens[chosen] = changed
  const address = `${tokens.join('')}@${usual.domain}`
  if (habit.recipients.has(address.toLowerCase()) || ctx.everyAddress.has(address.toLowerCase())) {
    return undefined
  }

  // The display name changes the same way when it holds the edited word (Marta → Martin).
  const nameWords = usual.name.split(/(\s+|,\s*)/)
  const nameIndex = nameWords.findIndex((word) => word.toLowerCase() === original.toLowerCase())
  const name =
    usual.name === ''
      ? ''
      : nameIndex === -1
        ? usual.name
        : nameWords.map((word, i) => (i === nameIndex ? title(changed) : word)).join('')
  return {
    to: [{ name, address }],
    cc: [],
    subject: 'Update',
    text: neutral(rng),
    attachments: rng.chance(0.5) ? [fillerFile('report.csv', rng.int(20_000, 400_000))] : [],
    how: `${edits} edit(s) of ${usual.key} (sent ${usual.count} times)`,
  }
}

const sameNameNewAddress: Planter = (habit, ctx) => {
  const candidates = usualExternal(habit).filter((r) => r.name.trim().split(/\s+/).length >= 2)
  if (candidates.length === 0) return undefined
  const { rng } = ctx
  const usual = rng.pick(candidates)

  const words = usual.name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0)
  const [a = 'x', b = 'y'] = words
  const patterns = [
    `${a}.${b}`,
    `${a}${b}`,
    `${a.charAt(0)}${b}`,
    `${b}.${a}`,
    `${a}${rng.int(1, 99)}`,
  ]
  const domain = rng.chance(0.5) ? rng.pick(FREE_MAIL) : randomDomain(rng, ctx.everyDomain)
  const address = `${rng.pick(patterns)}@${domain}`
  if (habit.recipients.has(address)) return undefined
  return {
    to: [{ name: usual.name, address }],
    cc: [],
    subject: 'Documents',
    text: neutral(rng),
    attachments: rng.chance(0.5) ? [fillerFile('documents.csv', rng.int(20_000, 400_000))] : [],
    how: `the name of ${usual.key} at ${address}`,
  }
}

function domainPlant(
  habit: SenderHabit,
  ctx: PlantContext,
  change: (label: string, rng: Rng) => string | undefined,
  kind: string,
): PlantedSend | undefined {
  const domains = new Map<string, number>()
  for (const r of anyExternal(habit)) domains.set(r.domain, (domains.get(r.domain) ?? 0) + r.count)
  const frequent = [...domains].filter(([, count]) => count >= 2).map(([domain]) => domain)
  if (frequent.length === 0) return undefined
  const { rng } = ctx
  const domain = rng.pick(frequent)

  const parts = splitDomain(domain)
  const label = change(parts.label, rng)
  if (label === undefined || label === parts.label) return undefined
  const spoofed = joinDomain({ ...parts, label })
  if (ctx.everyDomain.has(domainToASCII(spoofed))) return undefined

  const usual = rng.pick(anyExternal(habit).filter((r) => r.domain === domain))
  return {
    to: [{ name: usual.name, address: `${localOf(usual.address)}@${spoofed}` }],
    cc: [],
    subject: 'Invoice',
    text: neutral(rng),
    attachments: rng.chance(0.5) ? [fillerFile('invoice.csv', rng.int(20_000, 400_000))] : [],
    how: `${kind} of ${domain}: ${spoofed}`,
  }
}

const typoDomain: Planter = (habit, ctx) =>
  domainPlant(
    habit,
    ctx,
    (label, rng) => {
      if (label.length < 3) return undefined
      // A doubled or dropped letter, a neighbour swap, or a wrong letter.
      return rng.chance(0.25) ? label + label.at(-1) : editOnce(label, rng)
    },
    'a typo',
  )

const homoglyphDomain: Planter = (habit, ctx) =>
  domainPlant(habit, ctx, (label, rng) => replaceOne(label, ASCII_LOOKALIKES, rng), 'a homoglyph')

const punycodeDomain: Planter = (habit, ctx) =>
  domainPlant(habit, ctx, (label, rng) => replaceOne(label, SCRIPT_LOOKALIKES, rng), 'punycode')

function replaceOne(
  label: string,
  table: Readonly<Record<string, readonly string[]>>,
  rng: Rng,
): string | undefined {
  const positions = [...label].flatMap((char, i) => (table[char] === undefined ? [] : [i]))
  if (positions.length === 0) return undefined
  const at = rng.pick(positions)
  const chars = [...label]
  chars[at] = rng.pick(table[chars[at] ?? ''] ?? [''])
  return chars.join('')
}

/** Someone who does not belong with the group: known to the sender elsewhere, or new. */
function outsiderFor(
  group: readonly SeenRecipient[],
  habit: SenderHabit,
  ctx: PlantContext,
): { party: Party; known: boolean } {
  const { rng } = ctx
  const groupKeys = new Set(group.map((member) => member.key))
  const groupDomains = new Set(group.map((member) => member.domain))
  const together = new Set<string>()
  for (const send of habit.sends) {
    if (send.recipients.some((r) => groupKeys.has(r.key))) {
      for (const r of send.recipients) together.add(r.key)
    }
  }

  const fits = (r: SeenRecipient) =>
    r.isExternal && !groupDomains.has(r.domain) && !together.has(r.key) && r.key !== habit.sender
  const known = anyExternal(habit).filter(fits)
  if (known.length > 0 && rng.chance(0.5)) return { party: party(rng.pick(known)), known: true }

  const pool = ctx.orgPool.filter((r) => fits(r) && !habit.recipients.has(r.key))
  if (pool.length > 0 && rng.chance(0.7)) return { party: party(rng.pick(pool)), known: false }
  return { party: stranger(rng, ctx), known: false }
}

function usualGroups(habit: SenderHabit, minSize: number) {
  return habit.groups.filter(
    (g) => g.count >= 2 && g.members.length >= minSize && g.members.length <= 14,
  )
}

const oddGroupMember: Planter = (habit, ctx) => {
  const groups = usualGroups(habit, 2)
  if (groups.length === 0) return undefined
  const { rng } = ctx
  const group = rng.pick(groups)
  const outsider = outsiderFor(group.members, habit, ctx)
  return {
    to: [...group.members.map(party), outsider.party],
    cc: [],
    subject: 'Next steps',
    text: neutral(rng),
    attachments: rng.chance(0.5) ? [fillerFile('plan.csv', rng.int(20_000, 400_000))] : [],
    how: `${outsider.known ? 'a known' : 'a new'} outsider added to a group of ${group.members.length}`,
  }
}

const replacedGroupMember: Planter = (habit, ctx) => {
  const groups = usualGroups(habit, 3)
  if (groups.length === 0) return undefined
  const { rng } = ctx
  const group = rng.pick(groups)
  const outsider = outsiderFor(group.members, habit, ctx)
  const dropped = rng.int(0, group.members.length - 1)
  const members = group.members.map((member, i) => (i === dropped ? outsider.party : party(member)))
  return {
    to: members,
    cc: [],
    subject: 'Next steps',
    text: neutral(rng),
    attachments: rng.chance(0.5) ? [fillerFile('plan.csv', rng.int(20_000, 400_000))] : [],
    how: `${outsider.known ? 'a known' : 'a new'} outsider in place of one of ${group.members.length}`,
  }
}

const personalWebmail: Planter = (habit, ctx) => {
  const { rng } = ctx
  const fromName = habit.senderName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 2)
  const fromLocal = localOf(habit.sender)
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 2)
  const words = fromName.length >= 1 ? fromName : fromLocal
  const [first, last] = words
  if (first === undefined) return undefined

  const digits = String(rng.int(1, 99))
  const patterns =
    last === undefined
      ? [`${first}${digits}`, `${first}.${digits}`, `the.${first}`, `${first}${first.length}`]
      : [
          `${first}.${last}`,
          `${first}${last}`,
          `${first.charAt(0)}${last}`,
          `${first}_${last}${digits}`,
          `${last}.${first}`,
          `${first}.${last}${digits}`,
        ]
  const address = `${rng.pick(patterns)}@${rng.pick(FREE_MAIL)}`
  if (habit.recipients.has(address)) return undefined
  return {
    to: [{ name: habit.senderName, address }],
    cc: [],
    subject: 'for home',
    text: neutral(rng),
    attachments: rng.chance(0.5) ? [fillerFile('work.csv', rng.int(20_000, 400_000))] : [],
    how: `personal address ${address}`,
  }
}

const exposedRecipients: Planter = (habit, ctx) => {
  const { rng } = ctx
  const count = rng.int(12, 40)
  const pool = rng.shuffle(ctx.orgPool.filter((r) => r.key !== habit.sender))
  const chosen: Party[] = pool.slice(0, Math.floor(count * rng.next())).map(party)
  while (chosen.length < count) chosen.push(stranger(rng, ctx))

  const inCc = rng.chance(0.3) ? Math.floor(chosen.length / 2) : 0
  return {
    to: chosen.slice(inCc),
    cc: chosen.slice(0, inCc),
    subject: 'Invitation',
    text: neutral(rng),
    attachments: [],
    how: `${count} outside addresses in To/Cc`,
  }
}

const unusualHour: Planter = (habit, ctx) => {
  const recipients = usualExternal(habit)
  const pool = recipients.length > 0 ? recipients : anyExternal(habit)
  if (pool.length === 0) return undefined
  const { rng } = ctx

  // An hour of the day at which this sender never sends on that kind of day (weekday or
  // weekend, two hours either side), among the organisation's quietest quarter of such hours:
  // a time when this sender never writes and hardly anyone else does, not merely a gap.
  const cells = [false, true].flatMap((weekend) =>
    Array.from({ length: 24 }, (_, hour) => ({ weekend, hour })),
  )
  const around = (hours: readonly number[], weekend: boolean, hour: number, width: number) => {
    let total = 0
    for (let bin = 0; bin < 168; bin++) {
      if (bin >= 120 !== weekend) continue
      const gap = Math.abs((bin % 24) - hour)
      if (Math.min(gap, 24 - gap) <= width) total += hours[bin] ?? 0
    }
    return total
  }
  const byOrg = [...cells].sort(
    (a, b) =>
      around(ctx.orgHours, a.weekend, a.hour, 1) - around(ctx.orgHours, b.weekend, b.hour, 1),
  )
  const quiet = byOrg
    .slice(0, cells.length / 4)
    .filter((cell) => around(habit.hours, cell.weekend, cell.hour, 2) === 0)
  if (quiet.length === 0) return undefined
  const cell = rng.pick(quiet)
  const how = (cell.weekend ? rng.int(5, 6) : rng.int(0, 4)) * 24 + cell.hour
  const last = habit.sends.at(-1)?.at ?? new Date()
  const monday = startOfWeek(new Date(last.getTime() + 7 * 24 * 3600 * 1000))
  const at = new Date(monday.getTime() + how * 3600 * 1000 + rng.int(0, 59) * 60 * 1000)
  return {
    to: [party(rng.pick(pool))],
    cc: [],
    subject: 'Files',
    text: neutral(rng),
    attachments: [fillerFile('files.csv', rng.int(20_000, 400_000))],
    at,
    how: `a file at hour-of-week ${how}`,
  }
}

function startOfWeek(at: Date): Date {
  const day = (at.getUTCDay() + 6) % 7
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day))
}

const unusualAttachmentVolume: Planter = (habit, ctx) => {
  const pool = usualExternal(habit)
  if (pool.length === 0) return undefined
  const { rng } = ctx
  const factor = 5 + rng.next() * 15
  const bytes = Math.min(
    16_000_000,
    Math.max(3_000_000, Math.round(habit.maxAttachmentBytes * factor)),
  )
  return {
    to: [party(rng.pick(pool))],
    cc: [],
    subject: 'Export',
    text: neutral(rng),
    attachments: [fillerFile('export.csv', bytes)],
    how: `${bytes} bytes of attachments (largest before: ${habit.maxAttachmentBytes})`,
  }
}

const unusualFindingsVolume: Planter = (habit, ctx) => {
  const pool = usualExternal(habit)
  if (pool.length === 0) return undefined
  const { rng } = ctx
  const rows = rng.int(20, 120)
  return {
    to: [party(rng.pick(pool))],
    cc: [],
    subject: 'List',
    text: `Hello,\n\nthe list as requested:\n\n${peopleRows(rng, rows, false, '')}\n\nRegards`,
    attachments: [],
    how: `${rows} rows of names, dates of birth and phone numbers`,
  }
}

const sensitiveToNewRecipient: Planter = (habit, ctx) => {
  const { rng } = ctx
  const pool = ctx.orgPool.filter((r) => !habit.recipients.has(r.key) && r.key !== habit.sender)
  const recipient = pool.length > 0 && rng.chance(0.5) ? party(rng.pick(pool)) : stranger(rng, ctx)
  const values = Array.from({ length: rng.int(1, 3) }, () => iban(rng))
  return {
    to: [recipient],
    cc: [],
    subject: 'Payment details',
    text: `Hello,\n\nplease use the following bank account(s): IBAN ${values.join(', IBAN ')}\n\nRegards`,
    attachments: [],
    how: `${values.length} IBAN(s) to a first-time recipient`,
  }
}

const newDomainCustomerList: Planter = (habit, ctx) => {
  const { rng } = ctx
  const recipient = stranger(rng, ctx)
  const rows = rng.int(10, 80)
  const table = `name,born,phone,email,city\n${peopleRows(rng, rows, true, randomDomain(rng, ctx.everyDomain))}`
  return {
    to: [recipient],
    cc: [],
    subject: 'Customer list',
    text: neutral(rng),
    attachments: [
      { filename: 'customers.csv', contentType: 'text/csv', content: Buffer.from(table) },
    ],
    how: `${rows} customer rows to a new domain`,
  }
}

export const PLANTERS: Readonly<Record<PlantKind, Planter>> = {
  'lookalike-recipient': lookalikeRecipient,
  'same-name-new-address': sameNameNewAddress,
  'typo-domain': typoDomain,
  'homoglyph-domain': homoglyphDomain,
  'punycode-domain': punycodeDomain,
  'odd-group-member': oddGroupMember,
  'replaced-group-member': replacedGroupMember,
  'personal-webmail': personalWebmail,
  'exposed-recipients': exposedRecipients,
  'unusual-hour': unusualHour,
  'unusual-attachment-volume': unusualAttachmentVolume,
  'unusual-findings-volume': unusualFindingsVolume,
  'sensitive-to-new-recipient': sensitiveToNewRecipient,
  'new-domain-customer-list': newDomainCustomerList,
}

/** The habit a sender had after the first `count` of their sends. */
export function habitAfter(sends: readonly SeenSend[], count: number): SenderHabit {
  const prefix = sends.slice(0, count)
  const recipients = new Map<string, SeenRecipient & { count: number }>()
  const groups = new Map<string, { members: SeenRecipient[]; count: number }>()
  const hours = new Array<number>(168).fill(0)
  let maxAttachmentBytes = 0
  for (const send of prefix) {
    for (const r of send.recipients) {
      recipients.set(r.key, { ...r, count: (recipients.get(r.key)?.count ?? 0) + 1 })
    }
    if (send.recipients.length >= 2 && send.recipients.length <= 15) {
      const key = send.recipients
        .map((r) => r.key)
        .sort()
        .join('\n')
      groups.set(key, { members: [...send.recipients], count: (groups.get(key)?.count ?? 0) + 1 })
    }
    hours[send.hourOfWeek] = (hours[send.hourOfWeek] ?? 0) + 1
    maxAttachmentBytes = Math.max(maxAttachmentBytes, send.attachmentBytes)
  }
  const first = prefix[0]
  return {
    sender: first?.sender ?? '',
    senderName: prefix.findLast((send) => send.senderName !== '')?.senderName ?? '',
    sends: prefix,
    recipients,
    groups: [...groups.values()],
    maxAttachmentBytes,
    hours,
  }
}

export { domainOf, Rng }
