// RFC 2034 enhanced status codes on every reply. smtp-server adds one to each reply it sends
// once ENHANCEDSTATUSCODES is advertised, but picks it from the reply code alone (a 550 is
// always 5.1.1, "bad mailbox", even for a policy refusal; a 451 is always 4.3.0). The replies
// mailward composes (replies.ts) carry their own code at the start of the text; for those,
// smtp-server is told to add none, so the client reads exactly one, the right one.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js'

/** A reply text that starts with its own enhanced status code, e.g. "5.7.1 Refused". */
const OWN_CODE = /^[245]\.\d{1,3}\.\d{1,3} /

let isInstalled = false

/** Makes smtp-server keep the enhanced code of replies that carry one (idempotent). */
export function keepOwnEnhancedCodes(): void {
  if (isInstalled) return
  isInstalled = true

  // eslint-disable-next-line @typescript-eslint/unbound-method -- rebound with call() below
  const send = SMTPConnection.prototype.send
  SMTPConnection.prototype.send = function (this: SMTPConnection, code, data, context) {
    const hasOwnCode = typeof data === 'string' && OWN_CODE.test(data)
    send.call(this, code, data, hasOwnCode ? false : context)
  }
}
