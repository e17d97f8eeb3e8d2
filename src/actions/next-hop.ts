// Delivery to the next hop through nodemailer, on pooled connections that are reused across
// messages. Results are values: accepted (for some recipients at least), temporary or
// permanent failure, never an exception. A recipient the next hop refuses keeps its own
// reply code, so that a temporary refusal can be retried and a permanent one reported.
import nodemailer from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js'
import type { EnhancedCode } from '../smtp/replies.js'

/** One recipient the next hop refused at RCPT TO, with its reply code (RFC 5321, RFC 3463). */
export interface Refusal {
  readonly address: string
  readonly code: number
  readonly enhanced: EnhancedCode | undefined
}

export type DeliveryResult =
  | {
      readonly kind: 'accepted'
      readonly code: number
      /** Refused with a 4xx: the next hop may take them later, so they are retried. */
      readonly deferred: readonly Refusal[]
      /** Refused with a 5xx: they will never get it from this next hop. */
      readonly rejected: readonly Refusal[]
    }
  | { readonly kind: 'temporary'; readonly reason: string }
  | {
      readonly kind: 'permanent'
      readonly code: number
      readonly enhanced: EnhancedCode | undefined
      readonly reason: string
    }

export interface NextHopOptions {
  readonly address: string
  readonly requireTls: boolean
  readonly verifyCertificate: boolean
  readonly ehloName?: string | undefined
  readonly timeoutMs: number
  readonly maxConnections: number
}

export interface NextHop {
  readonly address: string
  send(mailFrom: string, rcptTo: readonly string[], raw: Buffer): Promise<DeliveryResult>
  close(): void
}

/**
 * Creates the next-hop client. `send` answers only after the next hop replied to DATA, which
 * is what lets the relay give its own 250 upstream only for mail that is safe downstream.
 */
export function createNextHop(options: NextHopOptions): NextHop {
  const [host, port] = splitHostPort(options.address)
  const transportOptions: SMTPPool.Options = {
    pool: true,
    host,
    port,
    secure: false,
    requireTLS: options.requireTls,
    tls: { rejectUnauthorized: options.verifyCertificate },
    name: options.ehloName,
    maxConnections: options.maxConnections,
    maxMessages: Infinity,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  }
  const transport = nodemailer.createTransport(transportOptions)

  return {
    address: options.address,
    async send(mailFrom, rcptTo, raw) {
      try {
        const info = await transport.sendMail({
          envelope: { from: mailFrom, to: [...rcptTo] },
          raw,
        })
        const refusals = refusalsOf(info.rejectedErrors, info.rejected)
        return {
          kind: 'accepted',
          code: parseCode(info.response) ?? 250,
          deferred: refusals.filter((refusal) => refusal.code < 500),
          rejected: refusals.filter((refusal) => refusal.code >= 500),
        }
      } catch (error) {
        return classifyFailure(error)
      }
    },
    close() {
      transport.close()
    },
  }
}

interface SmtpFailure {
  readonly responseCode?: unknown
  readonly response?: unknown
  readonly code?: unknown
  readonly rejectedErrors?: unknown
}

/**
 * Nothing was delivered. Every recipient refused at RCPT TO is one failure: temporary if any
 * refusal was (the upstream retries the whole message, and the next hop may take them all
 * then), else permanent with the first refusal's codes. Otherwise the reply that ended the
 * transaction (MAIL FROM, DATA, end of data) decides; no reply at all is temporary.
 */
function classifyFailure(error: unknown): DeliveryResult {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure
  const refusals = refusalsOf(failure.rejectedErrors, [])
  if (refusals.length > 0) {
    const deferred = refusals.find((refusal) => refusal.code < 500)
    if (deferred !== undefined) {
      return { kind: 'temporary', reason: `next hop answered ${deferred.code} to every recipient` }
    }
    const [first] = refusals as [Refusal]
    return {
      kind: 'permanent',
      code: first.code,
      enhanced: first.enhanced,
      reason: `next hop answered ${first.code} to every recipient`,
    }
  }

  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined
  const code = typeof failure.code === 'string' ? failure.code : 'unknown'
  if (responseCode !== undefined && responseCode >= 500) {
    return {
      kind: 'permanent',
      code: responseCode,
      enhanced: enhancedOf(failure.response),
      reason: `next hop answered ${responseCode}`,
    }
  }
  if (responseCode !== undefined) {
    return { kind: 'temporary', reason: `next hop answered ${responseCode}` }
  }
  return { kind: 'temporary', reason: `next hop unreachable (${code})` }
}

/**
 * The recipients nodemailer reports refused, each with its reply. One without a reply code of
 * its own (it should not happen) counts as temporary: retrying is the side that loses nothing.
 */
function refusalsOf(errors: unknown, rejected: readonly unknown[] = []): Refusal[] {
  const list = Array.isArray(errors) ? (errors as SmtpFailure[]) : []
  const refusals = list.flatMap((error): Refusal[] => {
    const address = (error as { recipient?: unknown }).recipient
    if (typeof address !== 'string') return []
    const code = typeof error.responseCode === 'number' ? error.responseCode : 450
    return [{ address, code, enhanced: enhancedOf(error.response) }]
  })
  for (const address of rejected.map(String)) {
    if (!refusals.some((refusal) => refusal.address === address)) {
      refusals.push({ address, code: 450, enhanced: undefined })
    }
  }
  return refusals
}

// RFC 3463 §2: class.subject.detail after the reply code, e.g. "550 5.1.1 No such user".
const ENHANCED = /^\d{3}[ -]([245])\.(\d{1,3})\.(\d{1,3})\b/

function enhancedOf(response: unknown): EnhancedCode | undefined {
  const match = typeof response === 'string' ? ENHANCED.exec(response) : null
  if (match === null) return undefined
  return `${Number(match[1]) as 2 | 4 | 5}.${Number(match[2])}.${Number(match[3])}`
}

function parseCode(response: string | undefined): number | undefined {
  const match = /^(\d{3})/.exec(response ?? '')
  return match === null ? undefined : Number(match[1])
}

/** "host:port" or "[v6]:port" to its parts. */
export function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':')
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1')
  return [host, Number(address.slice(at + 1))]
}
