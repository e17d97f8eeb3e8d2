// Delimiter lines and boundary parameters as @zone-eu/mailsplit 5.4.30 reads them
// (message-splitter.js, compareBoundary and checkBoundary), for the outline walk.

// A delimiter line carries at most "--", "--", 998 bytes of SP/HTAB and a CRLF besides its
// boundary (mailsplit's BOUNDARY_LINE_SUFFIX, RFC 5322 §2.1.1's line length), and a line break
// may come in front of it; a longer line is never a delimiter.
const BOUNDARY_LINE_SUFFIX = 2 + 2 + 998 + 2
export const BOUNDARY_LINE_OVERHEAD = BOUNDARY_LINE_SUFFIX + 2

const CR = 0x0d
const LF = 0x0a
const DASH = 0x2d

/** mailsplit skips one line break (CRLF, CR or LF) in front of a delimiter. */
export function startOf(line: Buffer): number {
  if (line[0] === CR && line[1] === LF) return 2
  return line[0] === CR || line[0] === LF ? 1 : 0
}

/** The line after "--" without its line break, CRs and trailing SP/HTAB, as a map key. */
export function boundaryKeyOf(line: Buffer, from: number): string {
  let end = line.length
  if (line[end - 1] === LF) end -= 1
  while (end > from && line[end - 1] === CR) end -= 1
  while (end > from && (line[end - 1] === 0x20 || line[end - 1] === 0x09)) end -= 1
  return line.toString('latin1', from, end)
}

/**
 * mailsplit's compareBoundary: 1 for `--boundary`, 2 for `--boundary--`, each optionally
 * followed by SP/HTAB (RFC 2046 §5.1.1), CRs and a LF; only a close may end the input bare.
 */
export function compareBoundary(line: Buffer, start: number, boundary: Buffer): 1 | 2 | false {
  const isTooShort = line.length < boundary.length + 3 + start
  if (isTooShort || line.length > boundary.length + BOUNDARY_LINE_SUFFIX + start) return false
  if (!line.subarray(start + 2, start + 2 + boundary.length).equals(boundary)) return false

  let at = start + 2 + boundary.length
  let result: 1 | 2 = 1
  if (line[at] === DASH) {
    if (line[at + 1] !== DASH) return false
    result = 2
    at += 2
  }

  while (at < line.length && (line[at] === 0x20 || line[at] === 0x09)) at += 1
  if (at === line.length) return result === 2 ? 2 : false

  while (at < line.length && line[at] === CR) at += 1
  if (at < line.length && line[at] === LF) at += 1
  return at === line.length ? result : false
}

/**
 * Boundary parameters named in Content-Type lines (RFC 2045 §5.1); an RFC 2231 §3 value split
 * into `boundary*0`, `boundary*1`, … counts once. libmime keeps the first; another reader may
 * take the last, so two of them make the structure ambiguous.
 */
export function countBoundaryParameters(lines: readonly string[]): number {
  let count = 0
  for (const line of lines) {
    for (const name of parameterNamesOf(line)) if (/^boundary(?:\*0)?\*?$/i.test(name)) count += 1
  }
  return count
}

/** Names of the `;`-separated parameters of a header value, skipping quoted strings and comments. */
function parameterNamesOf(value: string): string[] {
  const names: string[] = []
  let isQuoted = false
  let comments = 0
  let name: string | undefined

  for (let at = 0; at < value.length; at += 1) {
    const c = value.charAt(at)
    if (isQuoted) {
      if (c === '\\') at += 1
      else if (c === '"') isQuoted = false
    } else if (comments > 0) {
      if (c === '(') comments += 1
      else if (c === ')') comments -= 1
    } else if (c === '"') isQuoted = true
    else if (c === '(') comments += 1
    else if (c === ';') name = ''
    else if (c === '=' && name !== undefined) {
      names.push(name.trim())
      name = undefined
    } else if (name !== undefined) name += c
  }

  return names
}
