// Most recognizers are a pattern, a validator and context words (Presidio's shape). This
// builds one from those three parts so each category module holds only what is its own.
import { append } from './append.js'
import type { Category } from './categories.js'
import { contextPhrases, hasContext } from './context-words.js'
import { digitNeeds, NO_NEEDS, tokenLengths } from './pattern-shape.js'
import {
  eachMatch,
  hintWords,
  mentionsAny,
  type Candidate,
  type Evidence,
  type Recognizer,
  type ScanInput,
  type SeekPattern,
  type TokenPattern,
} from './recognizer.js'

/** What a validator says about one match: undefined rejects it. */
export interface Verdict {
  readonly confidence: number
  /** Compact value for the fingerprint; defaults to the match without separators. */
  readonly value?: string | undefined
  /** Sub-span of the match, in scan-text offsets relative to the chunk, when not all of it. */
  readonly start?: number | undefined
  readonly end?: number | undefined
  readonly masked?: string | undefined
  /** Overrides the spec's evidence for this match (a serial with or without its check digit). */
  readonly evidence?: Evidence | undefined
}

export interface PatternSpec {
  readonly name: string
  readonly category: Category
  /** Global regex; bounded quantifiers only, so matching stays linear in the input. */
  readonly pattern: RegExp
  /** 'digits': only in windows around digits (numeric ids); 'all': whole text. */
  readonly scope: 'digits' | 'all'
  /** What a match that passes `validate` rests on (see Evidence). */
  readonly evidence: Evidence
  /** `offset`: where the chunk the match is in starts in the scan text. */
  readonly validate: (
    match: RegExpExecArray,
    input: ScanInput,
    offset: number,
  ) => Verdict | undefined
  /** Whole-word context phrases (see contextWords). */
  readonly context?: RegExp | undefined
  /** Added to the confidence when a context word is near. */
  readonly contextBoost?: number | undefined
  /** Ceiling on the confidence when no context word is near (context-only categories). */
  readonly withoutContext?: number | undefined
  /**
   * Words without spaces, one of which every match of `context` holds once lower-cased. When
   * the floor is above `withoutContext`, only a match with a context word near can reach it,
   * so a text holding none of them (the shared hint pass, on the lower-cased text, which
   * reads the long s as "s" as the context's `iu` flags do) is not searched.
   */
  readonly contextHints?: readonly string[] | undefined
  /** Cheap test on the whole scan text; the pattern is skipped when it fails. */
  readonly quickCheck?: ((input: ScanInput) => boolean) | undefined
  /**
   * Digits `validate` requires of a match, when more than the pattern itself says (phone
   * numbers: seven): windows with fewer are skipped.
   */
  readonly minDigits?: number | undefined
  /**
   * Global regex matching at least wherever `pattern` can match (the pattern's first
   * characters, without its look-arounds): the pattern is tried only there (SeekPattern).
   */
  readonly seek?: RegExp | undefined
}

/** A recognizer that runs `spec.pattern`, validates each match and weighs context words. */
export function definePattern(spec: PatternSpec): Recognizer {
  // What every match holds, read off the pattern once: windows without it are skipped.
  const read = spec.scope === 'digits' ? digitNeeds(spec.pattern) : NO_NEEDS
  const needs = { ...read, digits: Math.max(read.digits, spec.minDigits ?? 0) }
  const tokens = spec.scope === 'digits' ? tokenPatternOf(spec.pattern) : undefined
  const seek = spec.seek === undefined ? undefined : seekPatternOf(spec.pattern, spec.seek)
  const hints = spec.contextHints === undefined ? undefined : contextHintsOf(spec)
  const ceiling = spec.withoutContext ?? 1

  return {
    name: spec.name,
    category: spec.category,
    find(input: ScanInput): Candidate[] {
      if (spec.quickCheck !== undefined && !spec.quickCheck(input)) return []
      if (hints !== undefined && (input.floor ?? 0) > ceiling && !mentionsAny(input, hints)) {
        return []
      }

      const found: Candidate[] = []

      eachMatch(
        input,
        spec.pattern,
        spec.scope,
        (match, offset) => {
          const verdict = spec.validate(match, input, offset)
          if (verdict === undefined) return

          const start = offset + (verdict.start ?? match.index)
          const end = offset + (verdict.end ?? match.index + match[0].length)
          const isNear =
            spec.context !== undefined && hasContext(input.text, start, end, spec.context)
          const confidence = weigh(spec, isNear, verdict.confidence)
          const value = verdict.value ?? match[0].replace(/[^A-Za-z0-9]/g, '').toUpperCase()
          const evidence = verdict.evidence ?? spec.evidence

          append(found, {
            start,
            end,
            value,
            confidence,
            evidence,
            hasContext: isNear,
            masked: verdict.masked,
          })
        },
        needs,
        tokens,
        seek,
      )

      return found
    },
  }
}

// A pattern whose matches are whole tokens is tried at the starts of tokens only (recognizer.ts).
function tokenPatternOf(pattern: RegExp): TokenPattern | undefined {
  const lengths = tokenLengths(pattern)
  if (lengths === undefined) return undefined

  const sticky = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`)
  return { lengths, sticky }
}

function seekPatternOf(pattern: RegExp, seek: RegExp): SeekPattern {
  const sticky = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`)
  return { seek, sticky }
}

// The hints, checked against the context phrases when the module loads: a phrase holding
// none of them would be skipped where it stands alone.
function contextHintsOf(spec: PatternSpec): readonly string[] {
  const hints = spec.contextHints ?? []
  for (const phrase of spec.context === undefined ? [] : contextPhrases(spec.context)) {
    if (!hints.some((h) => !h.includes(' ') && phrase.includes(h))) {
      throw new Error(`${spec.name}: no context hint in "${phrase}"`)
    }
  }
  return hintWords(hints)
}

function weigh(spec: PatternSpec, isNear: boolean, base: number): number {
  if (spec.context === undefined) return base
  if (isNear) return Math.min(0.99, base + (spec.contextBoost ?? 0.3))

  return Math.min(base, spec.withoutContext ?? base)
}
