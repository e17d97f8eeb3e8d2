// URLs and Message-IDs name other things: the digits in their paths and queries are ISBNs,
// product and session ids, timestamps. categories.md asks to drop matches inside them; a
// DLP must still see a card number in a payment link (shared case C16) or a token in a URL,
// so instead most categories are down-ranked there and a few keep their confidence.
import { append } from './append.js'
import { categoryInfo, type Category } from './categories.js'

// Values that do travel in links: card numbers and IBANs in payment links, addresses in
// mailto: and unsubscribe links, wallets, and every secret (a token in a query is a leak).
const AT_HOME_IN_LINKS: ReadonlySet<Category> = new Set([
  'CREDIT_CARD',
  'IBAN',
  'EMAIL_ADDRESS',
  'CRYPTO_WALLET',
])

/**
 * How much less sure a match is inside a link: enough to drop a bare check-digit match (an
 * ISBN that passes the NHS check) below the floor, not one with its context word next to it
 * ("…/patient?nhs=943 476 5919").
 */
export const LINK_PENALTY = 0.25

// The end of a URL or Message-ID: white space, quotes, angle brackets. Bounded (RFC 7230
// suggests clients support 8000 octets) so a text of one endless "URL" stays linear.
const MAX_LINK = 8192
// The characters up to the first stop (white space, quotes, angle brackets), at most MAX_LINK:
// one native search instead of a test per character.
const LINK_BODY = new RegExp(`[^\\s"'<>]{0,${MAX_LINK}}`, 'y')
const MESSAGE_ID = /<[^\s<>@]{1,256}@[^\s<>@]{1,256}>/g

/** True when `category` is down-ranked inside links. */
export function isDownRankedInLinks(category: Category): boolean {
  return !AT_HOME_IN_LINKS.has(category) && categoryInfo(category).family !== 'secret'
}

function linkEnd(text: string, from: number): number {
  LINK_BODY.lastIndex = from
  return from + (LINK_BODY.exec(text)?.[0].length ?? 0)
}

/** Sorted, non-overlapping [start, end) ranges of URLs and Message-IDs in `text`. */
export function findLinkRegions(text: string): [number, number][] {
  const regions: [number, number][] = []

  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    let start = at
    while (start > 0 && at - start < 20 && /[A-Za-z0-9+.-]/.test(text.charAt(start - 1))) start--
    if (start === at) continue

    const end = linkEnd(text, at + 3)
    append(regions, [start, end])
    at = Math.max(at, end - 3)
  }

  if (text.includes('@') && text.includes('<')) {
    for (const m of text.matchAll(MESSAGE_ID)) regions.push([m.index, m.index + m[0].length])
  }

  return regions.sort((a, b) => a[0] - b[0])
}

/** True when `[start, end)` lies inside one of `regions` (sorted by start). */
export function isInsideRegion(
  regions: readonly (readonly [number, number])[],
  start: number,
  end: number,
): boolean {
  let lo = 0
  let hi = regions.length - 1

  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [from = 0, to = 0] = regions[mid] ?? []
    if (start < from) hi = mid - 1
    else if (start >= to) lo = mid + 1
    else return end <= to
  }

  return false
}

// RFC 9562 §4: a GUID is 8-4-4-4-12 hexadecimal digits. Its groups are often all digits, and a
// twelve-digit last group passes Luhn as a Maestro number once in ten: tenant, message and
// meeting ids would read as cards. A GUID names a thing, never a person's data.
const GUID =
  /(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])/g
const GUID_LENGTH = 36

function isHexOrDash(code: number): boolean {
  return (
    code === 0x2d ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  )
}

/**
 * True when [start, end) lies inside a GUID (one within a longer id, such as an Amazon SES
 * Message-ID, included). Only the hex digits and dashes within a GUID's length either side are
 * looked at, so the test costs the same on any text; it runs once per candidate.
 */
export function isInsideGuid(text: string, start: number, end: number): boolean {
  if (end - start > GUID_LENGTH) return false
  let from = start
  while (from > 0 && start - from < GUID_LENGTH && isHexOrDash(text.charCodeAt(from - 1))) from--
  let to = end
  while (to < text.length && to - end < GUID_LENGTH && isHexOrDash(text.charCodeAt(to))) to++
  if (to - from < GUID_LENGTH) return false

  for (const m of text.slice(from, to).matchAll(GUID)) {
    if (from + m.index <= start && end <= from + m.index + m[0].length) return true
  }
  return false
}
