// Look-alike domains: a rarely used domain that is a typo, a homoglyph or a punycode spelling
// of a domain the sender or the organisation writes to often.
import { domainToUnicode } from 'node:url'
import type { OrgBaseline } from '../store/baseline-types.js'
import type { SendView } from './send-view.js'
import { shapeOf } from './domain-shape.js'
import { editDistance } from './similarity.js'
import type { BehaviorSignal } from './types.js'

type Kind = 'typo' | 'homoglyph' | 'punycode'

const KIND_WORDS: Readonly<Record<Kind, string>> = {
  typo: 'differs by a letter or two from',
  homoglyph: 'is spelled with look-alike characters to resemble',
  punycode: 'is an international spelling made to look like',
}

/**
 * Organisation domains compared against. Every send with a new domain is compared with each,
 * so the list is capped at the most widely used; a look-alike of a domain outside the top
 * 1,000 is not recognised unless the sender uses it.
 */
const ORG_DOMAIN_LIMIT = 1000

/** Signals for rarely used recipient domains that imitate a frequent one. */
export function lookalikeDomainSignals(view: SendView): BehaviorSignal[] {
  const candidates = new Set(
    view.recipients
      .filter(
        (r) => r.isExternal && !r.isFreeMail && r.domainSentBefore === 0 && r.orgDomainSenders <= 1,
      )
      .map((r) => r.domainAscii),
  )
  if (candidates.size === 0) return []

  const known = knownDomains(view)
  const own = senderDomains(view)
  const knownSites = new Set([...known].map((domain) => shapeOf(domain).site))
  const signals: BehaviorSignal[] = []
  for (const domain of candidates) {
    if (known.has(domain) || knownSites.has(shapeOf(domain).site)) continue

    const match = imitated(domain, known, own)
    if (match === undefined) continue

    const recipients = view.recipients.filter((r) => r.domainAscii === domain)
    signals.push({
      code: 'lookalike-domain',
      text: `${domainToUnicode(domain)} ${KIND_WORDS[match.kind]} ${match.domain}, ${whose(match.domain, view)}`,
      recipients: recipients.map((r) => r.address),
    })
  }
  return signals
}

/** Whose the imitated domain is, in the reason: ours, the sender's, or the organisation's. */
function whose(domain: string, view: SendView): string {
  if (view.internalDomains.some((own) => own.toLowerCase() === domain)) {
    return "your organisation's own domain"
  }
  return (view.sender?.domains.get(domain) ?? 0) >= 2
    ? 'a domain you write to'
    : 'a domain people here write to'
}

function knownDomains(view: SendView): Set<string> {
  const known = new Set(view.internalDomains.map((domain) => domain.toLowerCase()))
  for (const [domain, count] of view.sender?.domains ?? []) if (count >= 2) known.add(domain)
  for (const domain of frequentOrgDomains(view.org)) known.add(domain)
  return known
}

/** Outside domains the sender writes to more than once. */
function senderDomains(view: SendView): Set<string> {
  const internal = view.internalDomains.map((domain) => domain.toLowerCase())
  const isInternal = (domain: string) =>
    internal.some((own) => domain === own || domain.endsWith(`.${own}`))
  const domains = new Set<string>()
  for (const [domain, count] of view.sender?.domains ?? []) {
    if (count >= 2 && !isInternal(domain)) domains.add(domain)
  }
  return domains
}

const frequentCache = new WeakMap<OrgBaseline, { sends: number; domains: string[] }>()

/**
 * Domains written to by at least two senders, most used first. Sorting every domain is the
 * cost, so the list is recomputed once the organisation has 5% more sends (at least 10 more):
 * every 10 sends for a young organisation, rarely for a large one.
 */
function frequentOrgDomains(org: OrgBaseline): readonly string[] {
  const cached = frequentCache.get(org)
  const isFresh =
    cached !== undefined && org.sends - cached.sends < Math.max(10, cached.sends * 0.05)
  if (cached !== undefined && isFresh) return cached.domains

  const domains = [...org.domains]
    .filter(([, prevalence]) => prevalence.senders >= 2)
    .sort((a, b) => b[1].senders - a[1].senders || b[1].sends - a[1].sends)
    .slice(0, ORG_DOMAIN_LIMIT)
    .map(([domain]) => domain)
  frequentCache.set(org, { sends: org.sends, domains })
  return domains
}

/**
 * The known domain this one imitates. Sites are compared (the registrable domains), so that a
 * look-alike is found at any depth (mail.partnre.example) and the sibling subdomains of one
 * organisation (cse.ucsc.edu, soe.ucsc.edu) are never taken for each other.
 */
function imitated(
  domain: string,
  known: ReadonlySet<string>,
  senderDomains: ReadonlySet<string>,
): { kind: Kind; domain: string } | undefined {
  const { site, shape, fullShape } = shapeOf(domain)
  const isPunycode = domain.split('.').some((label) => label.startsWith('xn--'))

  for (const other of known) {
    const { site: otherSite, shape: otherShape, fullShape: otherFullShape } = shapeOf(other)
    if (otherSite === site) continue

    if (shape === otherShape || fullShape === otherFullShape)
      return { kind: isPunycode ? 'punycode' : 'homoglyph', domain: other }
    if (isTypo(site, otherSite, senderDomains.has(other))) {
      return { kind: isPunycode ? 'punycode' : 'typo', domain: other }
    }
  }
  return undefined
}

/**
 * One or two edits away (by length), or, for a domain the sender writes to, the same name under
 * another top-level domain (partner.com → partner.co, the supplier impersonated). Unrelated
 * organisations share names across top-level domains (example.com, example.net), so the
 * organisation's own and other people's domains are not matched that way: enron.net beside
 * enron.com was the commonest false alarm of that rule on real sent mail.
 */
function isTypo(domain: string, other: string, allowOtherTld: boolean): boolean {
  const name = other.slice(0, other.lastIndexOf('.'))
  if (name.length < 4) return false

  const limit = other.length >= 12 ? 2 : 1
  if (editDistance(domain, other, limit) <= limit) return true

  const ownName = domain.slice(0, domain.lastIndexOf('.'))
  return allowOtherTld && name.length >= 5 && ownName === name
}
