// Header fields that carry the message's own addresses and identifiers (RFC 5322 §3.6):
// their addresses and display names describe the message, not data being sent.
const ENVELOPE_FIELD =
  /^(?:from|to|cc|bcc|reply-to|sender|return-path|message-id|in-reply-to|references|delivered-to|received|resent-[a-z]+|list-[a-z]+|dkim-signature|authentication-results|arc-[a-z-]+)\s{0,4}:/i

/** True when `offset` of a header text lies in an envelope field (folded lines included). */
export function isInEnvelopeField(headers: string, offset: number): boolean {
  let lineStart = headers.lastIndexOf('\n', offset - 1) + 1

  // RFC 5322 §2.2.3: a line starting with white space continues the previous field.
  for (let guard = 0; guard < 64 && lineStart > 0; guard++) {
    const first = headers.charAt(lineStart)
    if (first !== ' ' && first !== '\t') break
    lineStart = headers.lastIndexOf('\n', lineStart - 2) + 1
  }

  return ENVELOPE_FIELD.test(headers.slice(lineStart, lineStart + 64))
}
