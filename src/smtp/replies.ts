// Every SMTP reply the relay gives after DATA comes from replyFor: the one place where pipeline
// outcomes become codes. Each carries its enhanced code (RFC 3463) at the start of its text;
// enhanced-codes.ts stops smtp-server from adding a second, generic one.

export type ReplyCode = 250 | 421 | 450 | 451 | 452 | 550 | 552 | 554 | 500 | 501 | 553
export type EnhancedCode = `${2 | 4 | 5}.${number}.${number}`

export interface SmtpReply {
  readonly code: number
  readonly enhanced: EnhancedCode
  readonly text: string
}

/** What happened to one message, as far as the upstream server needs to know. */
export type Outcome =
  | { readonly kind: 'forwarded'; readonly ref: string }
  | { readonly kind: 'held'; readonly ref: string }
  | { readonly kind: 'duplicate'; readonly ref: string }
  | { readonly kind: 'next-hop-unavailable'; readonly ref: string }
  | {
      readonly kind: 'next-hop-refused'
      readonly ref: string
      readonly code: number
      /** The next hop's own enhanced code, passed upstream when it is a permanent one. */
      readonly enhanced?: EnhancedCode | undefined
    }
  | { readonly kind: 'inspection-failed'; readonly ref: string }
  | { readonly kind: 'too-big'; readonly ref: string; readonly limit: number }
  | { readonly kind: 'busy'; readonly ref: string }
  | { readonly kind: 'bare-line-ending'; readonly ref: string }
  | { readonly kind: 'nul-byte'; readonly ref: string }
  | { readonly kind: 'tenant-refused'; readonly ref: string }
  | { readonly kind: 'storage-failed'; readonly ref: string }
  | { readonly kind: 'reply-received'; readonly ref: string }

/** Maps an outcome to its reply. Texts carry the reference id and never message content. */
export function replyFor(outcome: Outcome): SmtpReply {
  const ref = `(ref ${outcome.ref})`

  switch (outcome.kind) {
    case 'forwarded':
      return { code: 250, enhanced: '2.0.0', text: `Delivered ${ref}` }
    case 'held':
      return { code: 250, enhanced: '2.0.0', text: `Accepted and held for review ${ref}` }
    case 'duplicate':
      return { code: 250, enhanced: '2.0.0', text: `Already received and held ${ref}` }
    case 'next-hop-unavailable':
      return { code: 451, enhanced: '4.4.1', text: `Next hop unavailable, try again later ${ref}` }
    case 'next-hop-refused':
      return {
        code: outcome.code >= 500 && outcome.code < 600 ? outcome.code : 554,
        enhanced: outcome.enhanced?.startsWith('5.') === true ? outcome.enhanced : '5.0.0',
        text: `Next hop refused the message ${ref}`,
      }
    case 'inspection-failed':
      return { code: 451, enhanced: '4.3.0', text: `Could not inspect message, try again ${ref}` }
    case 'too-big':
      return {
        code: 552,
        enhanced: '5.3.4',
        text: `Message too big, the limit is ${outcome.limit} bytes ${ref}`,
      }
    case 'busy':
      // RFC 3463 §3.4: X.3.1, mail system full; temporary, so the client keeps the message.
      return {
        code: 452,
        enhanced: '4.3.1',
        text: `Too much mail being received at once, try again later ${ref}`,
      }
    case 'bare-line-ending':
      // RFC 5321 §2.3.8: lines end in CRLF. A bare LF or CR is how SMTP smuggling hides a second
      // transaction from one hop while another sees it (CVE-2023-51764), so it is refused.
      return {
        code: 554,
        enhanced: '5.6.0',
        text: `Bare LF or CR in message data; lines must end with CRLF ${ref}`,
      }
    case 'nul-byte':
      // RFC 6152 §3: 8-bit data, but never NUL; BINARYMIME, which allows it, is not offered.
      return {
        code: 554,
        enhanced: '5.6.0',
        text: `NUL byte in message data; it is not allowed in mail ${ref}`,
      }
    case 'tenant-refused':
      return {
        code: 550,
        enhanced: '5.7.1',
        text: `Message not from an accepted Microsoft 365 tenant ${ref}`,
      }
    case 'storage-failed':
      return { code: 451, enhanced: '4.3.0', text: `Could not store message, try again ${ref}` }
    case 'reply-received':
      // A reply to a justify notice, recorded whatever its verdict: the same answer for a
      // valid and a forged reply, so that the reply code reveals nothing (relay.ts).
      return { code: 250, enhanced: '2.0.0', text: `Reply received ${ref}` }
    default:
      return assertNever(outcome)
  }
}

/** The reply as an Error smtp-server understands (its `responseCode` convention). */
export class ReplyError extends Error {
  readonly responseCode: number

  constructor(
    readonly reply: SmtpReply,
    options?: ErrorOptions,
  ) {
    super(`${reply.enhanced} ${reply.text}`, options)
    this.name = 'ReplyError'
    this.responseCode = reply.code
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`)
}
