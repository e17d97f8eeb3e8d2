// The receive stage: smtp-server configured for an Exchange Online connector, the source
// allow-list, per-transaction limits, and the one place where outcomes become SMTP replies.
import { randomBytes } from 'node:crypto'
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server'
import type { Logger } from 'pino'
import { receiveData } from './receive-data.js'
import { ReplyError, replyFor, type Outcome } from './replies.js'
import { allowSources } from './source-allow.js'
import { limitPerSource, sourceKey } from './source-connections.js'
import { ByteBudget } from './byte-budget.js'
import { readTopHeader } from './raw-header.js'
import { keepOwnEnhancedCodes } from './enhanced-codes.js'
import type { Envelope } from './types.js'

export interface ReceivedMessage {
  readonly ref: string
  readonly envelope: Envelope
  readonly raw: Buffer
  readonly receivedAt: Date
}

export interface ReceiveOptions {
  readonly hostname: string
  readonly sources: readonly string[]
  readonly tenants: readonly string[]
  readonly maxMessageBytes: number
  readonly maxRecipients: number
  readonly maxConnections: number
  /** Connections one client address may hold open at once; beyond it, 421 4.7.0 at connect. */
  readonly maxConnectionsPerSource: number
  /** Bytes all messages between their first DATA chunk and their reply may hold together. */
  readonly maxReceivingBytes: number
  readonly tls: { key: Buffer; cert: Buffer } | undefined
  /** Inspects and acts on one message; resolves with what to tell the client. */
  readonly handle: (message: ReceivedMessage) => Promise<Outcome>
  readonly log: Logger
}

/** A short, unique, unguessable reference for a message: `mw-` and 16 base32 characters. */
export function newMessageRef(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  const bytes = randomBytes(16)
  let ref = 'mw-'
  for (const byte of bytes) ref += alphabet[byte & 31]
  return ref
}

/**
 * Creates the SMTP server (not yet listening).
 *
 * @example
 * const server = createReceiveServer({ ...options, handle: (m) => handleMessage(m, ctx) })
 * server.listen(2525, '127.0.0.1')
 */
export function createReceiveServer(options: ReceiveOptions): SMTPServer {
  const isAllowedSource = allowSources(options.sources)
  // Tenant ids are GUIDs; Exchange writes them in lower case, admins may paste upper case.
  const tenants = new Set(options.tenants.map((tenant) => tenant.toLowerCase()))
  const { log } = options
  const perSource = limitPerSource(options.maxConnectionsPerSource)
  const budget = new ByteBudget(options.maxReceivingBytes)

  keepOwnEnhancedCodes()
  const server = new SMTPServer({
    name: options.hostname,
    // smtp-server writes "<name> ESMTP <banner>".
    banner: 'mailward',
    // RFC 2034: every reply carries an enhanced status code (RFC 3463), and EHLO says so
    // (M365.md §1: Exchange Online expects ENHANCEDSTATUSCODES).
    hideENHANCEDSTATUSCODES: false,
    size: options.maxMessageBytes,
    maxClients: options.maxConnections,
    authOptional: true,
    disabledCommands: options.tls === undefined ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    ...(options.tls === undefined ? {} : { key: options.tls.key, cert: options.tls.cert }),
    // Exchange Online negotiates TLS 1.2 or 1.3 (M365.md §1); nothing older is offered.
    minVersion: 'TLSv1.2',
    logger: false,
    // Exchange keeps connections open and sends many messages on each.
    socketTimeout: 5 * 60 * 1000,

    onConnect(session, callback) {
      if (!isAllowedSource(session.remoteAddress)) {
        log.warn({ event: 'session.refused', sessionId: session.id, reason: 'source-not-allowed' })
        const reply = {
          code: 554,
          enhanced: '5.7.1',
          text: 'Connection refused: source not allowed',
        } as const
        return callback(new ReplyError(reply))
      }
      const limit = options.maxConnectionsPerSource
      const admission = perSource.admit(session.id, session.remoteAddress)
      if (!admission.admitted) {
        // 421: the client keeps its mail and tries again later (RFC 5321 §3.8), as Exchange
        // Online does with any 4xx; the connections this address already holds go on.
        log.warn({
          event: 'session.refused',
          sessionId: session.id,
          reason: 'too-many-from-source',
          clientAddress: session.remoteAddress,
          open: admission.open,
          limit,
        })
        const text = `Too many connections from your address (at most ${limit}), try again later`
        return callback(new ReplyError({ code: 421, enhanced: '4.7.0', text }))
      }
      log.debug({ event: 'session.open', sessionId: session.id, fromSource: admission.open })
      return callback()
    },

    onClose(session) {
      // Every connection ends here, refused or not; only admitted ones are counted.
      perSource.release(session.id)
    },

    onMailFrom(address, _session, callback) {
      const refusal = mailFromRefusal(address)
      // Answered on the next turn of the event loop, never synchronously, as smtp-server's own
      // default handler does: see PIPELINED_TRANSACTIONS below for the stall this prevents.
      setImmediate(() => callback(refusal))
    },

    onRcptTo(address, session, callback) {
      const unknown = unknownParameter(address.args, RCPT_PARAMETERS)
      if (unknown !== undefined) {
        const text = `RCPT parameter ${unknown} is not supported`
        return callback(new ReplyError({ code: 555, enhanced: '5.5.4', text }))
      }
      const mailFrom = session.envelope.mailFrom
      const utf8 = mailFrom !== false && hasParameter(mailFrom.args, 'SMTPUTF8')
      const problem = addressProblem(address.address, utf8)
      if (problem !== undefined) return callback(new ReplyError(problem))
      if (session.envelope.rcptTo.length >= options.maxRecipients) {
        const text = `Too many recipients, the limit is ${options.maxRecipients}`
        return callback(new ReplyError({ code: 452, enhanced: '4.5.3', text }))
      }
      return callback()
    },

    onData(stream, session, callback) {
      const ref = newMessageRef()
      const answer = (outcome: Outcome): void => {
        const reply = replyFor(outcome)
        if (reply.code < 300) return callback(null, `${reply.enhanced} ${reply.text}`)
        return callback(new ReplyError(reply))
      }

      let isClosed = false
      stream.once('close', () => (isClosed = true))
      receive(stream, session, ref, options, tenants, budget)
        .then(answer)
        .catch((error: unknown) => {
          if (isClosed) {
            // The client went away during DATA: nothing was accepted, so nothing is lost.
            log.info({ event: 'data.aborted', messageRef: ref })
            return answer({ kind: 'inspection-failed', ref })
          }
          // A fault of ours (not a verdict): the client retries, nothing is released.
          log.error({ event: 'data.failed', messageRef: ref, error: errorType(error) })
          answer({ kind: 'inspection-failed', ref })
        })
    },
  })
  keepServingOnConnectionErrors(server, log)
  return server
}

/**
 * smtp-server re-emits every connection's socket and TLS errors (a client that resets the
 * connection, plain text after STARTTLS) as the server's `error` event; unheard, Node ends the
 * process. One client's broken connection is logged and closed, and every other goes on.
 * A listen error reaches the same event and is also answered where the server is started.
 */
export function keepServingOnConnectionErrors(server: SMTPServer, log: Logger): void {
  server.on('error', (error: NodeJS.ErrnoException) => {
    // Only the error's class and code: a library's message may quote what the client sent.
    log.info({ event: 'session.error', error: errorType(error), code: error.code })
  })
}

async function receive(
  stream: NodeJS.ReadableStream,
  session: SMTPServerSession,
  ref: string,
  options: ReceiveOptions,
  tenants: ReadonlySet<string>,
  budget: ByteBudget,
): Promise<Outcome> {
  const source = sourceKey(session.remoteAddress)
  const received = await receiveData(stream as never, options.maxMessageBytes, budget, source)
  switch (received.kind) {
    case 'too-big':
      options.log.warn({ event: 'data.too-big', messageRef: ref, size: received.bytes })
      return { kind: 'too-big', ref, limit: options.maxMessageBytes }
    case 'over-budget':
      options.log.warn({
        event: 'data.busy',
        messageRef: ref,
        size: received.bytes,
        receivingBytes: budget.inUse,
        limit: budget.limit,
        clientAddress: session.remoteAddress,
        fromSource: budget.heldBy(source),
        sourceLimit: budget.sourceLimit,
      })
      return { kind: 'busy', ref }
    case 'bare-line-ending':
      options.log.warn({ event: 'data.bare-line-ending', messageRef: ref })
      return { kind: 'bare-line-ending', ref }
    case 'nul-byte':
      options.log.warn({ event: 'data.nul-byte', messageRef: ref })
      return { kind: 'nul-byte', ref }
    case 'ok':
      break
  }

  // The message's bytes stay taken from the budget until it is answered.
  try {
    return await answerReceived(received.raw, session, ref, options, tenants)
  } finally {
    budget.give(received.raw.length, source)
  }
}

async function answerReceived(
  raw: Buffer,
  session: SMTPServerSession,
  ref: string,
  options: ReceiveOptions,
  tenants: ReadonlySet<string>,
): Promise<Outcome> {
  if (tenants.size > 0) {
    const tenant = readTopHeader(raw, 'x-ms-exchange-crosstenant-id')
    const tenantOk = tenant !== undefined && tenants.has(tenant.trim().toLowerCase())
    if (!tenantOk) {
      options.log.warn({
        event: 'data.tenant-refused',
        messageRef: ref,
        hasTenant: tenant !== undefined,
      })
      return { kind: 'tenant-refused', ref }
    }
  }

  const envelope: Envelope = {
    mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
    rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    clientAddress: session.remoteAddress,
    heloName: session.hostNameAppearsAs,
    tls: session.secure,
  }
  return options.handle({ ref, envelope, raw, receivedAt: new Date() })
}

/**
 * PIPELINED_TRANSACTIONS: why MAIL FROM is answered asynchronously.
 *
 * smtp-server (3.21.6, lib/smtp-stream.js) pauses its command parser at the end of each
 * message's data and keeps what the client pipelined after it; `SMTPStream.continue()`, called
 * once onData has answered, runs the stored continuation and only afterwards sets it to
 * `false`. When that continuation reads the next whole transaction (MAIL, RCPT, DATA, the
 * message and its final dot, all already in the buffer) without waiting for anything, the end
 * of that second message stores its own continuation during the call, and the `false` written
 * after it wipes it out. The second message is still received, decided and answered, but the
 * parser never resumes: what follows it (QUIT, a third transaction) is never read, the
 * connection hangs until the idle timeout, and a third message gets no reply at all.
 *
 * Whether the continuation can get that far in one go depends on the application's handlers:
 * smtp-server's defaults call back on `setImmediate`, which breaks the chain, while handlers
 * that call back synchronously (ours did) let it run through. Every transaction after the
 * first needs a MAIL command (the session is reset after each message and DATA without a
 * recipient is refused before data mode), so a MAIL FROM handler that always answers on a
 * later turn of the event loop ends the continuation there, before the next message can
 * reach its end: `continue()` then clears the continuation it ran, not the next one.
 * test/pipelining.e2e.test.ts sends C03 and three transactions in one write to hold this.
 */

/** Why MAIL FROM is refused, or nothing when it is accepted. */
function mailFromRefusal(address: SMTPServerAddress): ReplyError | undefined {
  const unknown = unknownParameter(address.args, MAIL_PARAMETERS)
  if (unknown !== undefined) {
    // RFC 5321 §4.1.1.11: a parameter the server does not know is refused with 555.
    const text = `MAIL parameter ${unknown} is not supported`
    return new ReplyError({ code: 555, enhanced: '5.5.4', text })
  }
  const problem = addressProblem(address.address, hasParameter(address.args, 'SMTPUTF8'))
  return problem === undefined ? undefined : new ReplyError(problem)
}

/**
 * A non-ASCII address needs SMTPUTF8 on MAIL (RFC 6531 §3.4: 553 5.6.7), and bytes that are not
 * UTF-8 (decoded to U+FFFD) are no address at all: passed on, they reach the next hop garbled.
 */
function addressProblem(address: string, utf8: boolean) {
  // eslint-disable-next-line no-control-regex -- ASCII is exactly U+0000 to U+007F
  if (!/[^\u0000-\u007f]/.test(address)) return undefined
  const text = address.includes('\ufffd')
    ? 'Address is not valid UTF-8'
    : 'Non-ASCII address without SMTPUTF8 on MAIL FROM'
  if (address.includes('\ufffd') || !utf8) return { code: 553, enhanced: '5.6.7', text } as const
  return undefined
}

function hasParameter(args: unknown, name: string): boolean {
  return (
    typeof args === 'object' &&
    args !== null &&
    Object.keys(args).some((key) => key.toUpperCase() === name)
  )
}

/**
 * Parameters each command takes (keys as smtp-server upper-cases them): SIZE (RFC 1870),
 * BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET/ENVID and NOTIFY/ORCPT (DSN, RFC 3461), and AUTH
 * (RFC 4954), which Exchange may send on MAIL FROM.
 */
const MAIL_PARAMETERS: ReadonlySet<string> = new Set([
  'SIZE',
  'BODY',
  'SMTPUTF8',
  'RET',
  'ENVID',
  'AUTH',
])
const RCPT_PARAMETERS: ReadonlySet<string> = new Set(['NOTIFY', 'ORCPT'])

function unknownParameter(
  args: Record<string, unknown> | false | undefined,
  known: ReadonlySet<string>,
): string | undefined {
  if (args === false || args === undefined) return undefined
  return Object.keys(args).find((key) => !known.has(key.toUpperCase()))
}

function errorType(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
