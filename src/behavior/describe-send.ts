// The profile stage: who this send goes to, and how it compares with the sender's habit.
import type { Finding } from '../detect/types.js'
import { normalizeAddress } from '../mime/index.js'
import type { Address } from '../mime/types.js'
import type { Envelope } from '../smtp/types.js'
import { emptyOrg } from '../store/baseline-apply.js'
import type { BaselineStore, OrgBaseline, SenderBaseline } from '../store/baseline-types.js'
import { exposedRecipientsSignals } from './exposed-recipients.js'
import { firstContactSignals } from './first-contact.js'
import { freeMailDomains } from './free-mail.js'
import { hourOfWeek } from './hour-of-week.js'
import { lookalikeDomainSignals } from './lookalike-domain.js'
import { lookalikeRecipientSignals } from './lookalike-recipient.js'
import { oddGroupMemberSignals } from './odd-group-member.js'
import { personalWebmailSignals } from './personal-webmail.js'
import type { ProfiledRecipient, SendView } from './send-view.js'
import { countSensitive } from './sensitive-count.js'
import type { BehaviorSettings, SendFeatures } from './types.js'
import { hourShare, unusualHourSignals } from './unusual-hour.js'
import { unusualVolumeSignals, volumeScores } from './unusual-volume.js'

/** What the profile stage reads about one send. */
export interface SendInput {
  readonly envelope: Envelope
  /** From, To and Cc as parsed; names are compared, never used as addresses. */
  readonly headers: {
    readonly from: readonly Address[]
    readonly to: readonly Address[]
    readonly cc: readonly Address[]
  }
  /** When the send left: receipt time in the relay, the Date of a message in a replay. */
  readonly at: Date
  readonly attachments: { readonly count: number; readonly bytes: number }
  readonly findings: readonly Finding[]
}

export interface BehaviorContext {
  readonly internalDomains: readonly string[]
  readonly settings: BehaviorSettings
  /** Without a store (`mailward scan`) only what the message itself shows is judged. */
  readonly baselines: BaselineStore | undefined
}

/**
 * Describes a send. Recipients come from RCPT TO (Bcc included), never from headers, and the
 * sender is MAIL FROM, never a display name; header names are only compared with habits.
 *
 * @example
 * const features = await describeSend(input, { internalDomains, settings, baselines })
 * features.signals.map((signal) => signal.code) // ['lookalike-recipient']
 */
export async function describeSend(input: SendInput, ctx: BehaviorContext): Promise<SendFeatures> {
  const senderAddress = input.envelope.mailFrom.toLowerCase()
  const useHabits = ctx.settings.enabled && ctx.baselines !== undefined && senderAddress !== ''
  const sender = useHabits ? await ctx.baselines?.sender(senderAddress) : undefined
  const org = (useHabits ? await ctx.baselines?.org() : undefined) ?? EMPTY_ORG

  const internal = internalMatcher(ctx.internalDomains)
  const freeMail = freeMailFor(ctx)
  const names = namesByAddress(input.headers)
  const recipients = profileRecipients(input.envelope, names, internal, freeMail, sender, org)

  const view: SendView = {
    at: input.at,
    hourOfWeek: hourOfWeek(input.at, ctx.settings.timeZone),
    senderAddress,
    senderName: senderNameOf(input, senderAddress),
    sender,
    org,
    isWarm: (sender?.sends ?? 0) >= ctx.settings.warmupSends,
    recipients,
    visibleExternal: visibleExternal(input.headers, internal),
    attachments: input.attachments,
    findings: countSensitive(input.findings),
    settings: ctx.settings,
    internalDomains: ctx.internalDomains,
  }

  const share = hourShare(view)
  const scores = volumeScores(view)
  const signals = !ctx.settings.enabled
    ? []
    : [
        ...firstContactSignals(view),
        ...lookalikeRecipientSignals(view),
        ...lookalikeDomainSignals(view),
        ...oddGroupMemberSignals(view),
        ...personalWebmailSignals(view),
        ...exposedRecipientsSignals(view),
        ...(useHabits ? unusualHourSignals(view, share) : []),
        ...(useHabits ? unusualVolumeSignals(view, scores) : []),
      ]

  const external = recipients.filter((recipient) => recipient.isExternal)
  return {
    sender: input.envelope.mailFrom,
    recipients: recipients.map(
      ({ key: _key, local: _local, domainAscii: _ascii, ...rest }) => rest,
    ),
    externalRecipients: external.length,
    externalDomains: new Set(external.map((recipient) => recipient.domain)).size,
    attachments: input.attachments,
    signals,
    measures: {
      senderSends: sender?.sends ?? 0,
      isColdStart: !view.isWarm,
      newRecipients: external.filter((r) => r.sentBefore === 0).length,
      newDomains: new Set(external.filter((r) => r.domainSentBefore === 0).map((r) => r.domain))
        .size,
      newOrgDomains: new Set(external.filter((r) => r.orgDomainSenders === 0).map((r) => r.domain))
        .size,
      hourShare: share,
      attachmentBytesScore: scores.attachmentBytes,
      findingsScore: scores.findings,
      visibleExternal: view.visibleExternal.length,
      groupRepeatShare:
        sender === undefined || sender.groupSends === 0
          ? 0
          : sender.repeatGroupSends / sender.groupSends,
    },
    observation: {
      sender: senderAddress,
      senderName: view.senderName,
      at: input.at,
      hourOfWeek: view.hourOfWeek,
      recipients: recipients.map((r) => ({ address: r.key, domain: r.domainAscii, name: r.name })),
      attachments: input.attachments.count,
      attachmentBytes: input.attachments.bytes,
      findings: view.findings,
      visibleExternal: view.visibleExternal.length,
    },
  }
}

const EMPTY_ORG: OrgBaseline = emptyOrg()

const freeMailCache = new WeakMap<BehaviorSettings, ReadonlySet<string>>()

function freeMailFor(ctx: BehaviorContext): ReadonlySet<string> {
  let domains = freeMailCache.get(ctx.settings)
  if (domains === undefined) {
    domains = freeMailDomains(ctx.settings.freeMailDomains, ctx.internalDomains)
    freeMailCache.set(ctx.settings, domains)
  }
  return domains
}

function internalMatcher(internalDomains: readonly string[]): (domainAscii: string) => boolean {
  const internal = internalDomains.flatMap((domain) => {
    const ascii = normalizeAddress(`x@${domain}`)?.domainAscii
    return ascii === undefined ? [] : [ascii]
  })
  return (domainAscii) =>
    internal.some((domain) => domainAscii === domain || domainAscii.endsWith(`.${domain}`))
}

function profileRecipients(
  envelope: Envelope,
  names: ReadonlyMap<string, string>,
  isInternal: (domainAscii: string) => boolean,
  freeMail: ReadonlySet<string>,
  sender: SenderBaseline | undefined,
  org: OrgBaseline,
): ProfiledRecipient[] {
  return envelope.rcptTo.map((rcpt) => {
    const address = normalizeAddress(rcpt)
    const domainAscii = address?.domainAscii ?? ''
    const key = `${(address?.local ?? rcpt).toLowerCase()}@${domainAscii}`
    return {
      address: address?.address ?? rcpt,
      domain: address?.domain ?? '',
      isExternal: !isInternal(domainAscii),
      name: names.get(key) ?? '',
      isFreeMail: freeMail.has(domainAscii),
      sentBefore: sender?.recipients.get(key)?.count ?? 0,
      domainSentBefore: sender?.domains.get(domainAscii) ?? 0,
      orgDomainSenders: org.domains.get(domainAscii)?.senders ?? 0,
      key,
      local: address?.local ?? rcpt,
      domainAscii,
    }
  })
}

/** Display names of To/Cc addresses, keyed like baselines. */
function namesByAddress(headers: SendInput['headers']): Map<string, string> {
  const names = new Map<string, string>()
  for (const address of [...headers.to, ...headers.cc]) {
    if (address.name === '') continue
    names.set(`${address.local.toLowerCase()}@${address.domainAscii}`, address.name)
  }
  return names
}

function visibleExternal(
  headers: SendInput['headers'],
  isInternal: (domainAscii: string) => boolean,
): { key: string; domainAscii: string }[] {
  const seen = new Map<string, string>()
  for (const address of [...headers.to, ...headers.cc]) {
    if (isInternal(address.domainAscii)) continue
    seen.set(`${address.local.toLowerCase()}@${address.domainAscii}`, address.domainAscii)
  }
  return [...seen].map(([key, domainAscii]) => ({ key, domainAscii }))
}

/** The From display name, only when From is the envelope sender (C26: names are not trusted). */
function senderNameOf(input: SendInput, senderAddress: string): string {
  const [from] = input.headers.from
  if (from === undefined) return ''
  const fromKey = `${from.local.toLowerCase()}@${from.domainAscii}`
  const senderKey = normalizeAddress(senderAddress)
  const envelopeKey =
    senderKey === undefined
      ? senderAddress
      : `${senderKey.local.toLowerCase()}@${senderKey.domainAscii}`
  return fromKey === envelopeKey ? from.name : ''
}
