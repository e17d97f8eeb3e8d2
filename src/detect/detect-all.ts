// The detect stage: for each text, prepare scan text (HTML flattened, Unicode normalised),
// run the registry, settle overlaps, look inside base64/hex runs, then turn candidates into
// findings with original offsets, masked samples, keyed fingerprints, boilerplate marks and
// data-set membership.
import { append } from './append.js'
import { boilerplateIndex, findBoilerplate, type BoilerplateRegion } from './boilerplate.js'
import type { Category } from './categories.js'
import { findDataSets } from './data-set.js'
import { findDigitWindows } from './digit-windows.js'
import { findEncodedRuns } from './encoded-runs.js'
import { fingerprintOf } from './fingerprint.js'
import {
  findLinkRegions,
  isInsideGuid,
  isDownRankedInLinks,
  isInsideRegion,
  LINK_PENALTY,
} from './link-regions.js'
import { originalRange, type MappedText } from './mapped-text.js'
import { maskSample } from './mask.js'
import { normalizeText } from './normalize.js'
import { prepareText } from './prepare-text.js'
import { mentionsAny, type Recognizer, type ScanInput } from './recognizer.js'
import { RECOGNIZERS } from './registry.js'
import { resolveOverlaps, type Scored } from './resolve-overlaps.js'
import { DEFAULT_SETTINGS, resolveSettings, type ScanSettings } from './scan-settings.js'
import type { DataSetRef, Finding, TextSource } from './types.js'

export interface DetectOptions {
  /** Only these categories (default: all the registry knows). */
  readonly categories?: readonly Category[] | undefined
  /**
   * Findings below this confidence are not reported. 0.4 keeps validated numbers without
   * context (a Luhn-valid PAN, a mod-97 IBAN) and drops context-only shapes on their own
   * (nine digits that might be a passport number).
   */
  readonly minConfidence?: number | undefined
  /**
   * ISO 3166 regions for phone numbers written without a country code (default: the
   * regions in scan-settings.ts). Unknown codes throw.
   */
  readonly phoneRegions?: readonly string[] | undefined
}

export const DEFAULT_MIN_CONFIDENCE = 0.4

// TODO: On the shared corpus this stage runs at about 17.5–18 MB/s of CPU on one core of our
// 2-vCPU machine, one call per message, under the 20 MB/s aim (docs/performance.md). Done so
// far: phone numbers are pre-tested against the metadata's national and type patterns and
// the national-prefix rule (recognizers/phone-national-*.ts) so libphonenumber parses only
// numbers that may be accepted, and not those inside links the floor would drop; numeric
// patterns skip windows with fewer digits than their matches hold, whole-token patterns are
// tried only at token starts (pattern-shape.ts), and patterns opening with look-arounds only
// where a seek pattern finds their first characters; costly patterns wait on words of the
// shared hint pass, context-only ones (birth dates) on their context words when the floor
// is above what they report without one; boilerplate line patterns run only on lines whose
// first character allows them; hex runs are looked for inside base64 runs; hot arrays are
// filled by an indexed store (append.ts). What is left is spread thin: the hint pass (about
// 7%: every word in it costs every text, so a gate must save more than its words cost),
// libphonenumber, HTML flattening, person names, a few per cent each, and garbage
// collection. What might close it: a hint pass cheaper per word, keyword patterns tried only
// where a keyword starts (passwords), the per-window cost of the numeric patterns, a shared
// scan for the separator-formatted ones (groups of digits with spaces or dashes) like the
// token index, and fewer allocations in hot paths. Meanwhile a large message costs
// proportionally more time, inside the inspect time budget.

/** A candidate with where its sample comes from: scan text, or a decoded run. */
interface Located extends Scored {
  readonly sample: string
  readonly encoding?: 'base64' | 'hex' | undefined
}

function selectRecognizers(options: DetectOptions | undefined): readonly Recognizer[] {
  const wanted = options?.categories
  if (wanted === undefined) return RECOGNIZERS

  const set = new Set<Category>(wanted)
  return RECOGNIZERS.filter((r) => set.has(r.category))
}

/**
 * Candidates of all recognizers over one scan text at or above `minConfidence`, overlaps
 * settled. Matches inside a GUID are dropped and those inside URLs and Message-IDs
 * down-ranked first (link-regions.ts), then
 * the floor applies: a match too weak to be reported must not displace one that would be
 * (nine digits passing the BSN check without context beside a phone number). `memo` is the
 * scan's cache (ScanInput), given when the caller asks the same text more (boilerplate).
 */
export function scanText(
  text: string,
  origin: TextSource['origin'],
  recognizers: readonly Recognizer[],
  minConfidence: number,
  settings: ScanSettings = DEFAULT_SETTINGS,
  shared: Map<string, unknown> = new Map(),
  memo: Map<string, unknown> = new Map(),
): Scored[] {
  const windows = findDigitWindows(text)
  const links = findLinkRegions(text)
  const floor = minConfidence
  const input: ScanInput = { text, origin, windows, memo, settings, shared, floor, links }

  const scored: Scored[] = []
  for (const recognizer of recognizers) {
    const isDownRanked = links.length > 0 && isDownRankedInLinks(recognizer.category)

    for (const c of recognizer.find(input)) {
      if (isInsideGuid(text, c.start, c.end)) continue
      const isInLink = isDownRanked && isInsideRegion(links, c.start, c.end)
      const confidence = isInLink ? c.confidence - LINK_PENALTY : c.confidence
      if (confidence < minConfidence) continue
      append(scored, {
        ...c,
        confidence,
        category: recognizer.category,
        recognizer: recognizer.name,
      })
    }
  }

  return resolveOverlaps(scored)
}

// Values inside base64/hex runs: found in the decoded text, located at the whole run.
function scanEncoded(
  text: string,
  origin: TextSource['origin'],
  recognizers: readonly Recognizer[],
  minConfidence: number,
  settings: ScanSettings,
  shared: Map<string, unknown>,
): Located[] {
  const located: Located[] = []

  for (const run of findEncodedRuns(text)) {
    const decoded = normalizeText(run.decoded).text
    for (const c of scanText(decoded, origin, recognizers, minConfidence, settings, shared)) {
      const sample = decoded.slice(c.start, c.end)
      const recognizer = `${c.recognizer}+${run.encoding}`
      located.push({
        ...c,
        start: run.start,
        end: run.end,
        sample,
        recognizer,
        encoding: run.encoding,
      })
    }
  }

  return located
}

// Boilerplate regions in source offsets: text rules on the scan text, plus HTML quotes. The
// scan's memo holds its hint pass, which says which disclaimer words the text holds.
function boilerplateOf(
  source: TextSource,
  mapped: MappedText,
  quoted: readonly (readonly [number, number])[],
  memo: Map<string, unknown>,
): BoilerplateRegion[] {
  if (source.origin !== 'body-text' && source.origin !== 'body-html') return []

  const input = { text: mapped.text, memo }
  const mentions = (words: readonly string[]): boolean => mentionsAny(input, words)
  const regions = findBoilerplate(mapped.text, mentions).map((r) => {
    const [start, end] = r.end > r.start ? originalRange(mapped, r.start, r.end) : [0, 0]
    return { ...r, start, end }
  })

  for (const [start, end] of quoted) regions.push({ kind: 'quoted-reply', start, end })
  return regions
}

// Data-set membership by candidate, computed on the scan text's lines. Spans come in line
// order, so each candidate finds its span by binary search: many small tables stay linear.
function dataSetsOf(
  source: TextSource,
  text: string,
  candidates: readonly Located[],
): Map<Located, DataSetRef> {
  const plain = candidates.filter((c) => c.encoding === undefined)
  const { spans, lineOfFinding } = findDataSets(text, plain)
  const membership = new Map<Located, DataSetRef>()
  if (spans.length === 0) return membership

  const refs = spans.map((span, n) => ({ id: `${source.partId}#${n + 1}`, rows: span.rows }))
  for (const c of plain) {
    const line = lineOfFinding(c)
    let lo = 0
    let hi = spans.length - 1

    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((spans[mid]?.firstLine ?? 0) <= line) lo = mid
      else hi = mid - 1
    }

    const span = spans[lo]
    const ref = refs[lo]
    if (
      span !== undefined &&
      ref !== undefined &&
      line >= span.firstLine &&
      line <= span.lastLine
    ) {
      membership.set(c, ref)
    }
  }

  return membership
}

// The same value recurs in one message (a signature in every quoted reply, the HTML
// alternative of the text part): its keyed hash is computed once per call.
function fingerprintOnce(known: Map<string, string>, category: Category, value: string): string {
  const key = `${category}\u0000${value}`
  const cached = known.get(key)
  if (cached !== undefined) return cached

  const fingerprint = fingerprintOf(category, value)
  known.set(key, fingerprint)
  return fingerprint
}

/**
 * Every finding in `sources`, offsets into each source's original text. Pure and
 * synchronous; values never leave this function except as masked samples and fingerprints.
 *
 * @example
 * const findings = detectAll([{ partId: '1', origin: 'body-text', text: 'card 4111 1111 1111 1111' }])
 * // → [{ category: 'CREDIT_CARD', start: 5, end: 24, masked: '4111 **** **** 1111', … }]
 */
export function detectAll(sources: readonly TextSource[], options?: DetectOptions): Finding[] {
  const recognizers = selectRecognizers(options)
  const minConfidence = options?.minConfidence ?? DEFAULT_MIN_CONFIDENCE
  const settings = resolveSettings(options?.phoneRegions)
  const shared = new Map<string, unknown>()
  const fingerprints = new Map<string, string>()
  const findings: Finding[] = []

  for (const source of sources) {
    const { mapped, quotedInSource } = prepareText(source)
    const memo = new Map<string, unknown>()
    const scanned = scanText(
      mapped.text,
      source.origin,
      recognizers,
      minConfidence,
      settings,
      shared,
      memo,
    )

    const direct = scanned.map((c): Located => ({
      ...c,
      sample: mapped.text.slice(c.start, c.end),
    }))
    const encoded = scanEncoded(
      mapped.text,
      source.origin,
      recognizers,
      minConfidence,
      settings,
      shared,
    )
    const candidates = [...direct, ...encoded]
    // Boilerplate and data sets only qualify findings: a text without any needs neither.
    if (candidates.length === 0) continue

    const boilerplateOfOffset = boilerplateIndex(
      boilerplateOf(source, mapped, quotedInSource, memo),
    )
    const dataSets = dataSetsOf(source, mapped.text, candidates)
    // A line repeated in display order (bidi-order.ts) finds again what reads the same both
    // ways: the same value at the same original place is one finding.
    const seen = mapped.isReordered === true ? new Set<string>() : undefined

    for (const c of candidates) {
      const [start, end] = originalRange(mapped, c.start, c.end)
      const fingerprint = fingerprintOnce(fingerprints, c.category, c.value)
      const key = `${c.category} ${start} ${end} ${fingerprint}`
      if (seen?.has(key) === true) continue
      seen?.add(key)

      append(findings, {
        category: c.category,
        partId: source.partId,
        start,
        end,
        confidence: Math.round(c.confidence * 100) / 100,
        masked: c.masked ?? maskSample(c.category, c.sample),
        fingerprint,
        recognizer: c.recognizer,
        boilerplate: boilerplateOfOffset(start),
        dataSet: dataSets.get(c),
        encoding: c.encoding,
        evidence: c.evidence,
      })
    }
  }

  return findings
}
