// What a numeric pattern's matches look like, read off its source once at load so that no
// recognizer states it by hand, to keep the pattern off windows where it cannot match:
//
// - digit needs: at least so many digits, and a run of at least so many consecutive digits,
//   in any match. A window with fewer cannot hold a match (a match is a substring of the
//   window): a window around a date or a price is skipped by an eleven-digit id;
// - token lengths: for a pattern whose every match is one whole token (a maximal run of
//   letters and digits: the pattern consumes only those, and a negative look-behind and
//   look-ahead keep letters and digits off either end), the lengths such a token may have.
//   Such a pattern is tried only at the start of tokens of those lengths (recognizer.ts).
//
// The reading errs on the safe side: whatever it does not understand (a negated class, a
// back-reference, an optional separator between two digit groups) counts as a character
// that may be anything, and an unknown construct gives no needs and no token lengths.

/** Digits any match of a pattern holds, at least. */
export interface DigitNeeds {
  /** Digits 0-9 in the match. */
  readonly digits: number
  /** The longest run of consecutive digits in the match. */
  readonly run: number
}

export const NO_NEEDS: DigitNeeds = { digits: 0, run: 0 }

/** The lengths of the one token every match of a pattern is. */
export interface TokenLengths {
  readonly min: number
  readonly max: number
}

// Lower bounds on digits, and bounds on length, for one piece of a pattern. `pure`:
// everything it can consume is a digit (a zero-width assertion is pure too), so it joins the
// digit runs either side of it. `alnum`: everything it can consume is a letter or digit.
interface Bounds {
  readonly pure: boolean
  readonly alnum: boolean
  readonly digits: number
  readonly run: number
  /** Digits every match starts with / ends with. */
  readonly prefix: number
  readonly suffix: number
  readonly minLength: number
  readonly maxLength: number
}

const EMPTY: Bounds = {
  pure: true,
  alnum: true,
  digits: 0,
  run: 0,
  prefix: 0,
  suffix: 0,
  minLength: 0,
  maxLength: 0,
}

function oneCharacter(isDigit: boolean, isAlnum: boolean): Bounds {
  const digits = isDigit ? 1 : 0
  return {
    pure: isDigit,
    alnum: isAlnum,
    digits,
    run: digits,
    prefix: digits,
    suffix: digits,
    minLength: 1,
    maxLength: 1,
  }
}

const DIGIT = oneCharacter(true, true)
const LETTER_OR_DIGIT = oneCharacter(false, true)
const ANY = oneCharacter(false, false)
// A back-reference: whatever its group matched, of any length.
const UNKNOWN: Bounds = { ...ANY, minLength: 0, maxLength: Infinity }

class Unsupported extends Error {}

function sequence(parts: readonly Bounds[]): Bounds {
  let digits = 0
  let run = 0
  let current = 0
  let prefix = 0
  let isPrefixOpen = true

  for (const part of parts) {
    digits += part.digits
    if (part.pure) {
      current += part.digits
      if (isPrefixOpen) prefix += part.digits
    } else {
      run = Math.max(run, current + part.prefix, part.run)
      current = part.suffix
      if (isPrefixOpen) prefix += part.prefix
      isPrefixOpen = false
    }
    run = Math.max(run, current)
  }

  const pure = parts.every((p) => p.pure)
  return {
    pure,
    alnum: parts.every((p) => p.alnum),
    digits,
    run,
    prefix,
    suffix: pure ? digits : current,
    minLength: parts.reduce((sum, p) => sum + p.minLength, 0),
    maxLength: parts.reduce((sum, p) => sum + p.maxLength, 0),
  }
}

function alternation(options: readonly Bounds[]): Bounds {
  const least = (pick: (b: Bounds) => number): number => Math.min(...options.map(pick))
  return {
    pure: options.every((o) => o.pure),
    alnum: options.every((o) => o.alnum),
    digits: least((o) => o.digits),
    run: least((o) => o.run),
    prefix: least((o) => o.prefix),
    suffix: least((o) => o.suffix),
    minLength: least((o) => o.minLength),
    maxLength: Math.max(...options.map((o) => o.maxLength)),
  }
}

function repeated(part: Bounds, min: number, max: number): Bounds {
  const lengths = {
    minLength: part.minLength * min,
    maxLength: part.maxLength === 0 ? 0 : part.maxLength * max,
  }

  if (part.pure) {
    const digits = part.digits * min
    return { ...part, digits, run: digits, prefix: digits, suffix: digits, ...lengths }
  }
  if (min === 0) return { ...part, digits: 0, run: 0, prefix: 0, suffix: 0, ...lengths }

  // Consecutive copies join the suffix of one to the prefix of the next.
  const joined = min > 1 ? part.suffix + part.prefix : 0
  return { ...part, digits: part.digits * min, run: Math.max(part.run, joined), ...lengths }
}

const ALNUM = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz']

/** What one element of a sequence is. */
type Element =
  | { readonly kind: 'consuming'; readonly bounds: Bounds }
  | { readonly kind: 'assertion' }
  /** A negative look-behind or look-ahead that fails next to any letter or digit. */
  | { readonly kind: 'alnum-guard'; readonly behind: boolean }

interface Alternatives {
  readonly bounds: Bounds
  /** The elements of each alternative. */
  readonly options: readonly (readonly Element[])[]
  /** The source of each alternative that is one single-character atom, else undefined. */
  readonly singles: readonly (string | undefined)[]
}

/** A reader of the regex syntax the recognizers use; anything else throws Unsupported. */
class PatternReader {
  private at = 0

  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {}

  read(): Alternatives {
    const read = this.alternatives()
    if (this.at !== this.source.length) throw new Unsupported()
    return read
  }

  private peek(): string {
    return this.source.charAt(this.at)
  }

  private alternatives(): Alternatives {
    const options: Element[][] = []
    const singles: (string | undefined)[] = []

    for (;;) {
      const from = this.at
      const elements = this.terms()
      options.push(elements)
      const isSingle = elements.length === 1 && this.isSingleCharacter(from)
      singles.push(isSingle ? this.source.slice(from, this.at) : undefined)

      if (this.peek() !== '|') break
      this.at++
    }

    const bounds = options.map((elements) => sequence(elements.map(boundsOf)))
    return {
      bounds: bounds.length === 1 ? (bounds[0] ?? EMPTY) : alternation(bounds),
      options,
      singles,
    }
  }

  // True when source[from, at) is one atom that matches exactly one character.
  private isSingleCharacter(from: number): boolean {
    const text = this.source.slice(from, this.at)
    return /^(?:\[(?:[^\]\\]|\\.)*\]|\\[dDwWsS]|\\[^\dbBkpPuxc]|[^\\^$.|?*+()[\]{}])$/.test(text)
  }

  private terms(): Element[] {
    const elements: Element[] = []
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const element = this.atom()
      if (element.kind !== 'consuming') {
        elements.push(element)
        continue
      }
      const { min, max } = this.quantifier()
      elements.push({ kind: 'consuming', bounds: repeated(element.bounds, min, max) })
    }
    return elements
  }

  // The counts of the quantifier after an atom ({1,1} without one).
  private quantifier(): { min: number; max: number } {
    const char = this.peek()
    let counts = { min: 1, max: 1 }

    if (char === '*' || char === '?' || char === '+') {
      this.at++
      counts = { min: char === '+' ? 1 : 0, max: char === '?' ? 1 : Infinity }
    } else if (char === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at))
      if (braces === null) throw new Unsupported()
      this.at += braces[0].length
      const min = Number(braces[1])
      const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3])
      counts = { min, max }
    }

    if (this.peek() === '?') this.at++
    return counts
  }

  private atom(): Element {
    const char = this.peek()
    this.at++

    if (char === '(') return this.group()
    if (char === '[') return { kind: 'consuming', bounds: this.characterClass() }
    if (char === '\\') return this.escape()
    if (char === '^' || char === '$') return { kind: 'assertion' }
    if (char === '.') return { kind: 'consuming', bounds: ANY }
    return { kind: 'consuming', bounds: literal(char) }
  }

  private group(): Element {
    const rest = this.source.slice(this.at)
    const opener = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(rest)?.[0] ?? ''
    if (opener === '' && rest.startsWith('?')) throw new Unsupported()
    this.at += opener.length

    const inner = this.alternatives()
    if (this.peek() !== ')') throw new Unsupported()
    this.at++

    if (opener === '' || opener === '?:' || /^\?<[A-Za-z_$]/.test(opener)) {
      return { kind: 'consuming', bounds: inner.bounds }
    }

    // Look-arounds consume nothing: they neither add digits nor break a run. A negative one
    // with an alternative of one character matching every letter and digit guards an edge.
    const isNegative = opener.endsWith('!')
    const isGuard = isNegative && inner.singles.some((single) => this.coversAlnum(single))
    return isGuard
      ? { kind: 'alnum-guard', behind: opener.startsWith('?<') }
      : { kind: 'assertion' }
  }

  private coversAlnum(single: string | undefined): boolean {
    if (single === undefined) return false
    const one = new RegExp(`^(?:${single})$`, this.flags.replace(/[gy]/g, ''))
    return ALNUM.every((char) => one.test(char))
  }

  private escape(): Element {
    const char = this.peek()
    this.at++

    if (char === 'b' || char === 'B') return { kind: 'assertion' }
    if (char === 'd') return { kind: 'consuming', bounds: DIGIT }
    // \p{…} and \P{…}: a property, never counted as a digit.
    if ((char === 'p' || char === 'P') && this.peek() === '{') {
      this.skipPast('}')
      return { kind: 'consuming', bounds: ANY }
    }
    // A back-reference matches whatever its group did: unknown.
    if (char === 'k' || /[1-9]/.test(char)) {
      while (/\d/.test(this.peek())) this.at++
      if (char === 'k') this.skipPast('>')
      return { kind: 'consuming', bounds: UNKNOWN }
    }
    if (char === 'u' || char === 'x' || char === 'c') throw new Unsupported()
    // \D \w \W \s \S \n \t \. \- …: not necessarily a digit, nor a letter or digit.
    return { kind: 'consuming', bounds: ANY }
  }

  private skipPast(char: string): void {
    const end = this.source.indexOf(char, this.at)
    if (end === -1) throw new Unsupported()
    this.at = end + 1
  }

  // A class of digits only ([0-9], [2-9], [\d]) counts as a digit; one of letters and digits
  // only ([A-Z0-9], [LMNP]) as a letter or digit; anything else as any character.
  private characterClass(): Bounds {
    const isNegated = this.peek() === '^'
    let isDigitsOnly = !isNegated
    let isAlnumOnly = !isNegated
    let isEmpty = true

    while (this.peek() !== ']') {
      if (this.at >= this.source.length) throw new Unsupported()
      const char = this.peek()
      this.at++
      isEmpty = false

      if (char === '\\') {
        const escaped = this.peek()
        this.at++
        if (escaped === 'p' || escaped === 'P') this.skipPast('}')
        if (escaped === 'u' || escaped === 'x' || escaped === 'c') throw new Unsupported()
        if (escaped !== 'd') isDigitsOnly = false
        if (escaped !== 'd') isAlnumOnly = false
      } else if (char === '-' && this.isRangeDash()) {
        const from = this.source.charAt(this.at - 2)
        const to = this.peek()
        if (!isDigit(from) || !isDigit(to)) isDigitsOnly = false
        if (!isAlnumRange(from, to)) isAlnumOnly = false
      } else {
        if (!isDigit(char)) isDigitsOnly = false
        if (!isAlnum(char)) isAlnumOnly = false
      }
    }
    this.at++

    if (isEmpty) return ANY
    if (isDigitsOnly) return DIGIT
    return isAlnumOnly ? LETTER_OR_DIGIT : ANY
  }

  // A '-' between two class members (not first, not last, not after an escape) is a range.
  private isRangeDash(): boolean {
    const before = this.source.charAt(this.at - 2)
    const isAfterStart =
      before === '[' || (before === '^' && this.source.charAt(this.at - 3) === '[')
    const isEscaped = this.source.charAt(this.at - 3) === '\\'
    return !isAfterStart && !isEscaped && this.peek() !== ']'
  }
}

function boundsOf(element: Element): Bounds {
  return element.kind === 'consuming' ? element.bounds : EMPTY
}

function literal(char: string): Bounds {
  if (isDigit(char)) return DIGIT
  return isAlnum(char) ? LETTER_OR_DIGIT : ANY
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9'
}

function isAlnum(char: string): boolean {
  return isDigit(char) || (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z')
}

function isAlnumRange(from: string, to: string): boolean {
  const within = (low: string, high: string): boolean =>
    from >= low && from <= high && to >= low && to <= high
  return within('0', '9') || within('A', 'Z') || within('a', 'z')
}

function readPattern(pattern: RegExp): Alternatives | undefined {
  if (/[vx]/.test(pattern.flags)) return undefined

  try {
    return new PatternReader(pattern.source, pattern.flags).read()
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
}

/**
 * What any match of `pattern` holds at least, read from its source; no needs when the
 * source uses syntax this reader does not know.
 *
 * @example digitNeeds(/(\d{3})([- ]?)(\d{2})\2(\d{4})/g) // { digits: 9, run: 4 }
 */
export function digitNeeds(pattern: RegExp): DigitNeeds {
  const read = readPattern(pattern)
  return read === undefined ? NO_NEEDS : { digits: read.bounds.digits, run: read.bounds.run }
}

/**
 * The lengths of the token every match of `pattern` is, or undefined when a match may be
 * anything else: guards against letters and digits before and after, and between them only
 * what consumes letters and digits.
 *
 * @example tokenLengths(/(?<![A-Za-z0-9])[A-Z]\d{9}(?![A-Za-z0-9])/g) // { min: 10, max: 10 }
 */
export function tokenLengths(pattern: RegExp): TokenLengths | undefined {
  // Case-insensitive Unicode matching lets [A-Z] match letters beyond ASCII (the Kelvin sign).
  if (pattern.flags.includes('i') && pattern.flags.includes('u')) return undefined

  const read = readPattern(pattern)
  const elements = read?.options.length === 1 ? read.options[0] : undefined
  if (elements === undefined) return undefined

  const first = elements.findIndex((e) => e.kind === 'consuming')
  const last = elements.findLastIndex((e) => e.kind === 'consuming')
  if (first === -1) return undefined

  const isGuard = (e: Element, behind: boolean): boolean =>
    e.kind === 'alnum-guard' && e.behind === behind
  const isGuardedBefore = elements.slice(0, first).some((e) => isGuard(e, true))
  const isGuardedAfter = elements.slice(last + 1).some((e) => isGuard(e, false))
  const body = sequence(elements.slice(first, last + 1).map(boundsOf))

  if (!isGuardedBefore || !isGuardedAfter || !body.alnum || body.minLength < 1) return undefined
  return { min: body.minLength, max: body.maxLength }
}
