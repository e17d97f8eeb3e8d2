// What mailparser reads but does not hand over: the text outside every MIME part (preambles,
// epilogues, a multipart body whose boundary is unusable), the free-text fields of every header
// block, and structure a reader cannot trust. mailsplit, the splitter inside mailparser, drops
// those lines as "multipart data"; a mail client may still show them. One pass over the raw
// lines that follows mailsplit 5.4.30's own state machine (message-splitter.js, processLine and
// checkBoundary) and parses each header block with its MimeNode, so both always agree on where
// a part starts and which boundary a multipart has.
import { MimeNode } from '@zone-eu/mailsplit'

import {
  BOUNDARY_LINE_OVERHEAD,
  boundaryKeyOf,
  compareBoundary,
  countBoundaryParameters,
  startOf,
} from './boundary-lines.js'
import { freeTextFieldsOf, machineFieldsOf, type HeaderField } from './free-text-headers.js'

/** The outline of one message (not of the messages attached to it, which are walked apart). */
export interface RawOutline {
  /** Raw lines that lie outside every part mailparser reads; empty when all are white space. */
  readonly outside: Buffer
  /** Free-text header fields of the message and of its parts, in order. */
  readonly headerFields: readonly HeaderField[]
  /** The other header fields (structure and trace data) but the Subject, in order. */
  readonly machineFields: readonly HeaderField[]
  /** Fixed, content-free reasons why the structure cannot be trusted (or a limit was hit). */
  readonly problems: readonly string[]
}

// Prevents a multipart of 100 MB without a boundary from becoming one 100 MB text: the extract
// stage scans at most 16 MiB of text per message (maxTextBytes), so more could not be read
// anyway. Past it the rest is reported, not silently dropped.
const MAX_OUTSIDE_BYTES = 16 * 1024 * 1024

// Prevents header blocks from handing the detect stage more text than it can scan quickly.
// Exchange Online refuses a header block over 256 KiB, so 1 MiB of free-text fields for all the
// header blocks of one message is far beyond honest mail.
const MAX_HEADER_TEXT = 1024 * 1024

// mailsplit's own bound (message-splitter.js): at most 1,000 nodes per message. The walk only
// runs on messages mailparser parsed, so it holds; it is checked all the same.
const MAX_NODES = 1000

const CR = 0x0d
const LF = 0x0a
const DASH = 0x2d

/** An open multipart with a usable boundary: its delimiter lines end the parts below it. */
interface Frame {
  readonly boundary: Buffer
  readonly key: string
  /** Its index in the stack of open frames, valid while it is open. */
  readonly depth: number
  hasPart: boolean
  /** Whether its preamble holds more than white space: an empty multipart hides nothing. */
  hasText: boolean
  isCaseOnly: boolean
}

/** Where the walk is: which kind of line comes next. */
type Position =
  | { readonly kind: 'head'; readonly node: MimeNode }
  | { readonly kind: 'leaf' }
  | { readonly kind: 'preamble'; readonly frame: Frame }
  | { readonly kind: 'undelimited' }
  | { readonly kind: 'epilogue'; readonly frame: Frame }

/**
 * Walks `raw` once and returns what lies outside its parts, its free-text header fields and
 * the problems of its structure. Linear in the input: each line is looked at once, and a
 * delimiter is found by a map lookup, not by trying every open boundary.
 *
 * @example
 * const outline = outlineMessage(raw)
 * outline.problems // ['structure: multipart without a boundary']
 */
export function outlineMessage(raw: Buffer): RawOutline {
  const walk = new OutlineWalk()

  for (let start = 0; start < raw.length;) {
    const lf = raw.indexOf(LF, start)
    const end = lf === -1 ? raw.length : lf + 1
    if (!walk.step(raw.subarray(start, end), start)) break
    start = end
  }

  return walk.finish(raw)
}

class OutlineWalk {
  private position: Position = { kind: 'head', node: new MimeNode(false) }
  private nodes = 1

  // Open frames, outermost first, and for each boundary the open frames that carry it.
  private readonly stack: Frame[] = []
  private readonly byKey = new Map<string, Frame[]>()
  private readonly byLowerKey = new Map<string, Frame[]>()
  private readonly frames: Frame[] = []
  private longestBoundary = 0

  private readonly outside: [number, number][] = []
  private outsideBytes = 0
  private readonly headerFields: HeaderField[] = []
  private headerText = 0
  private readonly machineFields: HeaderField[] = []
  private isFirstHeaderBlock = true
  private machineText = 0
  private readonly problems = new Set<string>()

  /** Takes one line (with its line break) at `offset`; false once the walk has to stop. */
  step(line: Buffer, offset: number): boolean {
    const delimiter = this.delimiterOf(line)
    if (delimiter !== undefined) {
      this.takeDelimiter(delimiter.frame, delimiter.isClose)
      return this.nodes <= MAX_NODES || this.stop('structure: more than 1,000 MIME parts')
    }

    const position = this.position
    switch (position.kind) {
      case 'head':
        position.node.addHeaderChunk(line)
        if (isEmptyLine(line)) this.endHeaders(position.node)
        // mailsplit drops a header line without a colon; RFC 5322 readers (Python's email,
        // many clients) take it for the first line of the body and show it. It is read as text.
        else if (isColonlessLine(line)) this.keepOutside(offset, line.length)
        return true
      case 'leaf':
        return true
      case 'epilogue':
        // RFC 2046 §5.1.1: what follows the close delimiter is epilogue, to be ignored, yet
        // a reader that keeps splitting shows a part here that mailparser never reads.
        if (compareBoundary(line, startOf(line), position.frame.boundary) === 1) {
          this.problems.add('structure: a part after the closing boundary')
        }
        this.keepOutside(offset, line.length)
        return true
      case 'preamble':
        if (!isWhiteSpace(line)) position.frame.hasText = true
        this.keepOutside(offset, line.length)
        return true
      case 'undelimited':
        // libmime found no boundary, or one mailsplit refuses (non-ASCII): every line of the
        // body is multipart data to mailparser, and another reader may split it all the same.
        if (!isWhiteSpace(line)) this.problems.add('structure: multipart without a boundary')
        this.keepOutside(offset, line.length)
        return true
      default:
        return assertNever(position)
    }
  }

  finish(raw: Buffer): RawOutline {
    if (this.position.kind === 'head') this.readHeaderBlock(this.position.node)

    for (const frame of this.frames) {
      if (frame.hasPart || !frame.hasText) continue
      this.problems.add(
        frame.isCaseOnly
          ? 'structure: multipart boundary only in another letter case'
          : 'structure: multipart boundary not in the body',
      )
    }

    const pieces = this.outside.map(([start, end]) => raw.subarray(start, end))
    const outside = Buffer.concat(pieces)
    return {
      outside: isWhiteSpace(outside) ? Buffer.alloc(0) : outside,
      headerFields: this.headerFields,
      machineFields: this.machineFields,
      problems: [...this.problems],
    }
  }

  private stop(reason: string): false {
    this.problems.add(reason)
    return false
  }

  /**
   * mailsplit's checkBoundary: the nearest open frame whose delimiter the line is. A frame's
   * own preamble counts (a first part starts), and so do the frames around it (a sibling
   * starts, or the frame closes and the parts below it end, RFC 2046 §5.1.2 notwithstanding).
   */
  private delimiterOf(line: Buffer): { frame: Frame; isClose: boolean } | undefined {
    const start = startOf(line)
    if (line.length < 4 || line[start] !== DASH || line[start + 1] !== DASH) return undefined
    if (line.length > this.longestBoundary + BOUNDARY_LINE_OVERHEAD) return undefined

    const key = boundaryKeyOf(line, start + 2)
    const candidates = [{ key, isClose: false }]
    if (key.endsWith('--')) candidates.push({ key: key.slice(0, -2), isClose: true })

    let found: { frame: Frame; isClose: boolean } | undefined
    for (const candidate of candidates) {
      const frame = this.byKey.get(candidate.key)?.at(-1)
      if (frame === undefined) continue

      const result = compareBoundary(line, start, frame.boundary)
      if (result !== false && (found === undefined || frame.depth > found.frame.depth)) {
        found = { frame, isClose: result === 2 }
      }
    }

    if (found === undefined) for (const { key } of candidates) this.noteCaseOnly(key)
    return found
  }

  // A boundary that the body writes in another letter case: mailsplit (like RFC 2046) matches
  // bytes exactly, some readers do not. Only recorded for the diagnosis; the body stays text.
  private noteCaseOnly(key: string): void {
    const frame = this.byLowerKey.get(key.toLowerCase())?.at(-1)
    if (frame !== undefined && frame.key !== key && !frame.hasPart) frame.isCaseOnly = true
  }

  private takeDelimiter(frame: Frame, isClose: boolean): void {
    const position = this.position
    const isOwnPreamble = position.kind === 'preamble' && position.frame === frame

    // A close delimiter in a multipart's own preamble ends nothing (mailsplit's case 2).
    if (isClose && isOwnPreamble) return

    // A header block a delimiter cuts short still has fields to scan; mailsplit parses it only
    // when a close delimiter ends it, and never reads a body for it, so it opens nothing.
    if (position.kind === 'head') this.readHeaderBlock(position.node)
    this.truncateTo(frame, isClose)

    if (isClose) {
      this.position = { kind: 'epilogue', frame }
      return
    }

    frame.hasPart = true
    this.nodes += 1
    this.position = { kind: 'head', node: new MimeNode(false) }
  }

  /** Drops the frames opened inside `frame` (they end unclosed), and `frame` itself if closed. */
  private truncateTo(frame: Frame, isClosed: boolean): void {
    const keep = frame.depth + (isClosed ? 0 : 1)

    while (this.stack.length > keep) {
      const dropped = this.stack.pop()
      if (dropped === undefined) break
      this.byKey.get(dropped.key)?.pop()
      this.byLowerKey.get(dropped.key.toLowerCase())?.pop()
    }
  }

  /** Parses a header block, keeps its free-text fields and checks its boundary parameters. */
  private readHeaderBlock(node: MimeNode): void {
    node.parseHeaders()
    const headers = node.headers === false ? [] : node.headers.getList()

    this.keepHeaderFields(freeTextFieldsOf(headers, { subjectScanned: this.isFirstHeaderBlock }))
    this.isFirstHeaderBlock = false
    this.keepMachineFields(machineFieldsOf(headers))
    const contentTypes = headers.filter((header) => header.key === 'content-type')
    if (countBoundaryParameters(contentTypes.map((header) => header.line)) > 1) {
      this.problems.add('structure: more than one boundary parameter')
    }
  }

  /** The header block ended with its empty line: what the node is decides how its body is read. */
  private endHeaders(node: MimeNode): void {
    this.readHeaderBlock(node)

    if (node.multipart !== false && node._boundary !== false) {
      this.position = { kind: 'preamble', frame: this.open(node._boundary) }
    } else if (node.multipart !== false) {
      this.position = { kind: 'undelimited' }
    } else if (isInlineMessage(node)) {
      this.nodes += 1
      this.position = { kind: 'head', node: new MimeNode(false) }
    } else {
      this.position = { kind: 'leaf' }
    }
  }

  private open(boundary: Buffer): Frame {
    const key = boundary.toString('latin1')
    const depth = this.stack.length
    const frame: Frame = { boundary, key, depth, hasPart: false, hasText: false, isCaseOnly: false }

    this.stack.push(frame)
    this.frames.push(frame)
    pushTo(this.byKey, key, frame)
    pushTo(this.byLowerKey, key.toLowerCase(), frame)
    this.longestBoundary = Math.max(this.longestBoundary, boundary.length)
    return frame
  }

  private keepOutside(offset: number, length: number): void {
    const room = MAX_OUTSIDE_BYTES - this.outsideBytes
    if (length > room) {
      this.problems.add(`limit: text outside the MIME parts over ${MAX_OUTSIDE_BYTES} bytes`)
    }

    const kept = Math.min(length, room)
    if (kept <= 0) return

    const last = this.outside.at(-1)
    if (last !== undefined && last[1] === offset) last[1] = offset + kept
    else this.outside.push([offset, offset + kept])
    this.outsideBytes += kept
  }

  private keepMachineFields(fields: readonly HeaderField[]): void {
    for (const field of fields) {
      this.machineText += field.text.length
      if (this.machineText > MAX_HEADER_TEXT) {
        this.problems.add(`limit: other header fields over ${MAX_HEADER_TEXT} characters`)
        return
      }
      this.machineFields.push(field)
    }
  }

  private keepHeaderFields(fields: readonly HeaderField[]): void {
    for (const field of fields) {
      this.headerText += field.text.length
      if (this.headerText > MAX_HEADER_TEXT) {
        this.problems.add(`limit: free-text header fields over ${MAX_HEADER_TEXT} characters`)
        return
      }
      this.headerFields.push(field)
    }
  }
}

// mailsplit descends into an attached message only when it is marked inline and not
// transfer-encoded (message-splitter.js, HEAD state); any other message/rfc822 part is a leaf
// that mailparser hands over whole, and the parse stage walks it as a message of its own.
function isInlineMessage(node: MimeNode): boolean {
  const encoding = node.encoding === false ? '' : node.encoding
  const isPlain = encoding === '' || ['7bit', '8bit', 'binary'].includes(encoding)
  return node.contentType === 'message/rfc822' && isPlain && node.disposition === 'inline'
}

/** A line that is neither a field (no colon) nor a folded continuation (no leading blank). */
function isColonlessLine(line: Buffer): boolean {
  const first = line[0]
  return first !== 0x20 && first !== 0x09 && line.indexOf(0x3a) === -1 && !isWhiteSpace(line)
}

function isEmptyLine(line: Buffer): boolean {
  return (
    (line.length === 1 && line[0] === LF) || (line.length === 2 && line[0] === CR && line[1] === LF)
  )
}

function isWhiteSpace(bytes: Buffer): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === CR || b === LF)
}

function pushTo(map: Map<string, Frame[]>, key: string, frame: Frame): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [frame])
  else list.push(frame)
}

// Only the kind is named: a position holds a boundary, content that errors never carry.
function assertNever(value: never): never {
  throw new Error(`unhandled outline position ${(value as { kind: string }).kind}`)
}
