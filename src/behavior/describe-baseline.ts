// What is known about a sender, as `mailward baseline show` prints it: JSON-safe, times in
// ISO 8601, most used first.
import type { OrgBaseline, SenderBaseline, VolumeStat } from '../store/baseline-types.js'
import { describeHourOfWeek } from './hour-of-week.js'

export interface VolumeSummary {
  /** Geometric mean (the habit is kept in log space), rounded. */
  readonly typical: number
  readonly max: number
}

export interface BaselineSummary {
  readonly sender: string
  readonly name: string
  readonly sends: number
  readonly firstSeen: string
  readonly lastSeen: string
  /** True once the sender's own habit is used instead of the organisation's priors. */
  readonly isWarm: boolean
  readonly recipients: readonly {
    readonly address: string
    readonly name: string
    readonly count: number
    readonly firstSeen: string
    readonly lastSeen: string
  }[]
  readonly domains: readonly {
    readonly domain: string
    readonly count: number
    /** Senders in the organisation who write to this domain. */
    readonly orgSenders: number
  }[]
  readonly groups: readonly {
    readonly members: readonly string[]
    readonly count: number
    readonly lastSeen: string
  }[]
  /** Sends per hour of the week (0 = Monday 00:00 in the configured zone), 168 entries. */
  readonly hours: readonly number[]
  readonly busiestHours: readonly { readonly hour: string; readonly sends: number }[]
  readonly volumes: {
    readonly recipients: VolumeSummary
    readonly attachmentBytes: VolumeSummary
    readonly findings: VolumeSummary
  }
  readonly organisation: {
    readonly sends: number
    readonly senders: number
    readonly domains: number
  }
}

/**
 * @example
 * describeBaseline(await baselines.sender('a@corp.example'), await baselines.org(), 10).sends
 */
export function describeBaseline(
  sender: SenderBaseline,
  org: OrgBaseline,
  warmupSends: number,
): BaselineSummary {
  const iso = (ms: number) => new Date(ms).toISOString()
  const recipients = [...sender.recipients.values()]
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen)
    .map((r) => ({ ...r, firstSeen: iso(r.firstSeen), lastSeen: iso(r.lastSeen) }))
  const domains = [...sender.domains]
    .sort((a, b) => b[1] - a[1])
    .map(([domain, count]) => ({
      domain,
      count,
      orgSenders: org.domains.get(domain)?.senders ?? 0,
    }))
  const groups = [...sender.groups.values()]
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen)
    .map((g) => ({ members: g.members, count: g.count, lastSeen: iso(g.lastSeen) }))
  const busiestHours = sender.hours
    .map((sends, hour) => ({ hour: describeHourOfWeek(hour), sends }))
    .filter((entry) => entry.sends > 0)
    .sort((a, b) => b.sends - a.sends)
    .slice(0, 5)

  return {
    sender: sender.sender,
    name: sender.name,
    sends: sender.sends,
    firstSeen: iso(sender.firstSeen),
    lastSeen: iso(sender.lastSeen),
    isWarm: sender.sends >= warmupSends,
    recipients,
    domains,
    groups,
    hours: sender.hours,
    busiestHours,
    volumes: {
      recipients: summarize(sender.volumes.recipients, sender.sends),
      attachmentBytes: summarize(sender.volumes.attachmentBytes, sender.sends),
      findings: summarize(sender.volumes.findings, sender.sends),
    },
    organisation: { sends: org.sends, senders: org.senders, domains: org.domains.size },
  }
}

function summarize(stat: VolumeStat, sends: number): VolumeSummary {
  const typical = sends === 0 ? 0 : Math.expm1(stat.sum / sends)
  return { typical: Math.round(typical * 10) / 10, max: stat.max }
}
