// What a numeric pattern needs of a digit window before it can match there: at least so many
// digits, and a run of at least so many consecutive digits. Read off the pattern's source
// once, at load, so no recognizer states it by hand. A window with fewer digits, or with
// shorter runs, cannot hold a match (a match is a substring of the window), so the pattern
// is not run there: a window around a date or a price is skipped by an eleven-digit id.
//
// The reading is a lower bound and errs low: whatever it does not understand (a negated
// class, a back-reference, an optional separator between two digit groups) counts as a
// non-digit that may break a run, and an unknown construct gives no need at all.

/** Digits any match of a pattern holds, at least. */
export interface DigitNeeds {
  /** Digits 0-9 in the match. */
  readonly digits: number
  /** The longest run of consecutive digits in the match. */
  readonly run: number
}

export const NO_NEEDS: DigitNeeds = { digits: 0, run: 0 }

// Lower bounds for one piece of a pattern. `pure`: everything it can consume is a digit (a
// zero-width assertion is pure too), so it joins the digit runs either side of it.
interface Bounds {
  readonly pure: boolean
  readonly digits: number
  readonly run: number
  /** Digits every match starts with / ends with. */
  readonly prefix: number
  readonly suffix: number
}

const EMPTY: Bounds = { pure: true, digits: 0, run: 0, prefix: 0, suffix: 0 }
const OTHER: Bounds = { pure: false, digits: 0, run: 0, prefix: 0, suffix: 0 }
const DIGIT: Bounds = { pure: true, digits: 1, run: 1, prefix: 1, suffix: 1 }

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
  return { pure, digits, run, prefix, suffix: pure ? digits : current }
}

function alternation(options: readonly Bounds[]): Bounds {
  const least = (pick: (b: Bounds) => number): number => Math.min(...options.map(pick))
  return {
    pure: options.every((o) => o.pure),
    digits: least((o) => o.digits),
    run: least((o) => o.run),
    prefix: least((o) => o.prefix),
    suffix: least((o) => o.suffix),
  }
}

function repeated(part: Bounds, min: number): Bounds {
  if (part.pure) {
    const digits = part.digits * min
    return { pure: true, digits, run: digits, prefix: digits, suffix: digits }
  }
  if (min === 0) return OTHER

  // Consecutive copies join the suffix of one to the prefix of the next.
  const joined = min > 1 ? part.suffix + part.prefix : 0
  return { ...part, digits: part.digits * min, run: Math.max(part.run, joined) }
}

/** A reader of the regex syntax the recognizers use; anything else throws Unsupported. */
class PatternReader {
  private at = 0

  constructor(private readonly source: string) {}

  read(): Bounds {
    const bounds = this.alternatives()
    if (this.at !== this.source.length) throw new Unsupported()
    return bounds
  }

  private peek(): string {
    return this.source.charAt(this.at)
  }

  private alternatives(): Bounds {
    const options = [this.terms()]
    while (this.peek() === '|') {
      this.at++
      options.push(this.terms())
    }
    return options.length === 1 ? (options[0] ?? EMPTY) : alternation(options)
  }

  private terms(): Bounds {
    const parts: Bounds[] = []
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom()
      parts.push(atom.isAssertion ? EMPTY : repeated(atom.bounds, this.quantifier()))
    }
    return sequence(parts)
  }

  // The least count of the quantifier after an atom (1 without one).
  private quantifier(): number {
    const char = this.peek()
    let min = 1

    if (char === '*' || char === '?') {
      this.at++
      min = 0
    } else if (char === '+') {
      this.at++
    } else if (char === '{') {
      const braces = /^\{(\d+)(?:,\d*)?\}/.exec(this.source.slice(this.at))
      if (braces === null) throw new Unsupported()
      this.at += braces[0].length
      min = Number(braces[1])
    }

    if (this.peek() === '?') this.at++
    return min
  }

  private atom(): { bounds: Bounds; isAssertion: boolean } {
    const char = this.peek()
    this.at++

    if (char === '(') return this.group()
    if (char === '[') return { bounds: this.characterClass(), isAssertion: false }
    if (char === '\\') return this.escape()
    if (char === '^' || char === '$') return { bounds: EMPTY, isAssertion: true }
    if (char === '.') return { bounds: OTHER, isAssertion: false }
    return { bounds: isDigit(char) ? DIGIT : OTHER, isAssertion: false }
  }

  private group(): { bounds: Bounds; isAssertion: boolean } {
    const rest = this.source.slice(this.at)
    const opener = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(rest)?.[0] ?? ''
    if (opener === '' && rest.startsWith('?')) throw new Unsupported()
    this.at += opener.length

    const inner = this.alternatives()
    if (this.peek() !== ')') throw new Unsupported()
    this.at++

    // Look-arounds consume nothing: they neither add digits nor break a run.
    const isAssertion = opener !== '' && opener !== '?:' && !opener.startsWith('?<')
    const isLookBehind = opener === '?<=' || opener === '?<!'
    return { bounds: inner, isAssertion: isAssertion || isLookBehind }
  }

  private escape(): { bounds: Bounds; isAssertion: boolean } {
    const char = this.peek()
    this.at++

    if (char === 'b' || char === 'B') return { bounds: EMPTY, isAssertion: true }
    if (char === 'd') return { bounds: DIGIT, isAssertion: false }
    // \p{…} and \P{…}: a property, never counted as a digit.
    if ((char === 'p' || char === 'P') && this.peek() === '{') {
      const end = this.source.indexOf('}', this.at)
      if (end === -1) throw new Unsupported()
      this.at = end + 1
      return { bounds: OTHER, isAssertion: false }
    }
    // A back-reference matches whatever its group did: unknown, so a non-digit.
    if (char === 'k' || /[1-9]/.test(char)) {
      while (/\d/.test(this.peek())) this.at++
      if (char === 'k') this.skipPast('>')
      return { bounds: OTHER, isAssertion: false }
    }
    if (char === 'u' || char === 'x' || char === 'c') throw new Unsupported()
    // \D \w \W \s \S \n \t \. \- …: not necessarily a digit.
    return { bounds: OTHER, isAssertion: false }
  }

  private skipPast(char: string): void {
    const end = this.source.indexOf(char, this.at)
    if (end === -1) throw new Unsupported()
    this.at = end + 1
  }

  // A class counts as a digit only when every member is one: [0-9], [2-9], [\d], [13].
  private characterClass(): Bounds {
    let isDigitsOnly = this.peek() !== '^'
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
      } else if (!isDigit(char) && !(char === '-' && isDigitsOnlyRange(this.source, this.at))) {
        isDigitsOnly = false
      }
    }
    this.at++

    return isDigitsOnly && !isEmpty ? DIGIT : OTHER
  }
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9'
}

// A '-' in a class between two digits ("2-9") keeps it a class of digits.
function isDigitsOnlyRange(source: string, afterDash: number): boolean {
  return isDigit(source.charAt(afterDash - 2)) && isDigit(source.charAt(afterDash))
}

/**
 * What any match of `pattern` holds at least, read from its source; no needs when the
 * source uses syntax this reader does not know.
 *
 * @example digitNeeds(/(\d{3})([- ]?)(\d{2})\2(\d{4})/g) // { digits: 9, run: 4 }
 */
export function digitNeeds(pattern: RegExp): DigitNeeds {
  if (pattern.flags.includes('v') || pattern.flags.includes('x')) return NO_NEEDS

  try {
    const { digits, run } = new PatternReader(pattern.source).read()
    return { digits, run }
  } catch (error) {
    if (error instanceof Unsupported) return NO_NEEDS
    throw error
  }
}
