// The detect stage: for each text, normalise it, run the registry, settle overlaps, then turn
// candidates into findings with original offsets, masked samples and keyed fingerprints.
import type { Category } from './categories.js'
import { findDigitWindows } from './digit-windows.js'
import { fingerprintOf } from './fingerprint.js'
import { originalRange, type MappedText } from './mapped-text.js'
import { maskSample } from './mask.js'
import { normalizeText } from './normalize.js'
import type { Recognizer, ScanInput } from './recognizer.js'
import { RECOGNIZERS } from './registry.js'
import { resolveOverlaps, type Scored } from './resolve-overlaps.js'
import type { Finding, TextSource } from './types.js'

export interface DetectOptions {
  /** Only these categories (default: all the registry knows). */
  readonly categories?: readonly Category[] | undefined
  /**
   * Findings below this confidence are not reported. 0.4 keeps validated numbers without
   * context (a Luhn-valid PAN, a mod-97 IBAN) and drops context-only shapes on their own
   * (nine digits that might be a passport number).
   */
  readonly minConfidence?: number | undefined
}

export const DEFAULT_MIN_CONFIDENCE = 0.4

function selectRecognizers(options: DetectOptions | undefined): readonly Recognizer[] {
  const wanted = options?.categories
  if (wanted === undefined) return RECOGNIZERS

  const set = new Set<Category>(wanted)
  return RECOGNIZERS.filter((r) => set.has(r.category))
}

/** Candidates of all recognizers over one prepared text, overlaps settled. */
export function scanMapped(
  mapped: MappedText,
  origin: TextSource['origin'],
  recognizers: readonly Recognizer[],
): Scored[] {
  const input: ScanInput = {
    text: mapped.text,
    origin,
    windows: findDigitWindows(mapped.text),
    memo: new Map(),
  }

  const scored: Scored[] = []
  for (const recognizer of recognizers) {
    for (const c of recognizer.find(input)) {
      scored.push({ ...c, category: recognizer.category, recognizer: recognizer.name })
    }
  }

  return resolveOverlaps(scored)
}

function toFinding(source: TextSource, mapped: MappedText, c: Scored): Finding {
  const [start, end] = originalRange(mapped, c.start, c.end)
  const masked = c.masked ?? maskSample(c.category, mapped.text.slice(c.start, c.end))

  return {
    category: c.category,
    partId: source.partId,
    start,
    end,
    confidence: Math.round(c.confidence * 100) / 100,
    masked,
    fingerprint: fingerprintOf(c.category, c.value),
    recognizer: c.recognizer,
  }
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
  const findings: Finding[] = []

  for (const source of sources) {
    const mapped = normalizeText(source.text)
    const scored = scanMapped(mapped, source.origin, recognizers)

    for (const c of scored) {
      if (c.confidence < minConfidence) continue
      findings.push(toFinding(source, mapped, c))
    }
  }

  return findings
}
