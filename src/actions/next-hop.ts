// Delivery to the next hop through nodemailer, on pooled connections that are reused across
// messages. Results are values: accepted, temporary or permanent failure, never an exception.
import nodemailer from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js'

export type DeliveryResult =
  | { readonly kind: 'accepted'; readonly rejected: readonly string[]; readonly code: number }
  | { readonly kind: 'temporary'; readonly reason: string }
  | { readonly kind: 'permanent'; readonly code: number; readonly reason: string }

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
        const rejected = (info.rejected ?? []).map(String)
        return { kind: 'accepted', rejected, code: parseCode(info.response) ?? 250 }
      } catch (error) {
        return classifyFailure(error)
      }
    },
    close() {
      transport.close()
    },
  }
}

function classifyFailure(error: unknown): DeliveryResult {
  const failure = error as { responseCode?: unknown; code?: unknown }
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined
  const code = typeof failure.code === 'string' ? failure.code : 'unknown'

  if (responseCode !== undefined && responseCode >= 500) {
    return { kind: 'permanent', code: responseCode, reason: `next hop answered ${responseCode}` }
  }
  if (responseCode !== undefined) {
    return { kind: 'temporary', reason: `next hop answered ${responseCode}` }
  }
  return { kind: 'temporary', reason: `next hop unreachable (${code})` }
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
