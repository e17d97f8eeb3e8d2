// Header fields whose values are text a person writes or a mail client shows, so they are
// scanned like the Subject: custom fields (`X-Note: …`), Comments, Keywords, Content-Description,
// Organization. Everything else a header block holds is structure (addresses, dates, ids, MIME
// parameters) or machine trace data, which is left out.
import libmime from 'libmime'
import type { HeaderLine } from '@zone-eu/mailsplit'

/** One free-text header field, decoded and unfolded: `X-Note: card 4111 …`. */
export interface HeaderField {
  /** The field name as written, or "unnamed" when it is not a valid RFC 5322 field name. */
  readonly name: string
  /** `<name>: <value>`, so a field name such as `X-Card-Number` gives the value its context. */
  readonly text: string
}

// Fields with a structure of their own: RFC 5322 §3.6 (addresses, dates, ids, trace; the
// Subject is scanned on its own already), RFC 2045 §3 MIME-Version, RFC 3834 Auto-Submitted,
// RFC 3798 Disposition-Notification-To, RFC 8058/2369 lists, DKIM/ARC/authentication results
// (RFC 6376, RFC 8617, RFC 8601), SPF (RFC 7208), Autocrypt (key data), Face/X-Face (image
// data), Outlook's Thread-Index (binary id) and its priority flags.
const STRUCTURED_FIELDS: ReadonlySet<string> = new Set([
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'message-id',
  'in-reply-to',
  'references',
  'date',
  'subject',
  'return-path',
  'received',
  'mime-version',
  'auto-submitted',
  'disposition-notification-to',
  'return-receipt-to',
  'errors-to',
  'delivered-to',
  'envelope-to',
  'precedence',
  'importance',
  'priority',
  'sensitivity',
  'thread-index',
  'dkim-signature',
  'domainkey-signature',
  'authentication-results',
  'received-spf',
  'autocrypt',
  'face',
  'user-agent',
  'msip_labels',
  'feedback-id',
  'mail-followup-to',
  'mail-reply-to',
  'old-return-path',
  'bounce-to',
  'mailing-list',
])

// Families of fields written by servers, filters and clients rather than people, by prefix:
// resent and list fields (RFC 5322 §3.6.6, RFC 2369), ARC (RFC 8617), MIME fields other than
// Content-Description (RFC 2045), and X- fields of Exchange and Microsoft 365 (X-MS-Exchange-*,
// X-Microsoft-Antispam, X-Forefront-*), Google, spam and virus filters, mail gateways, keys and
// pictures, and the routing fields of mail servers and list managers (X-Original-To,
// X-BeenThere, X-Envelope-From, …) that carry only addresses. Their ids, blobs and addresses
// would only feed false positives: on the shared corpus X-BeenThere alone gave 2,530 address
// findings, and MessageLabs' X-Msg-Ref ids and X-Epoch timestamps read as NHS numbers.
//
// These fields (and the structured ones above) are still scanned, apart and for the data that
// carries its own proof only: see machineFieldsOf.
const MACHINE_PREFIXES: readonly string[] = ['resent-', 'list-', 'arc-']
const MACHINE_X_PREFIXES: readonly string[] = [
  'ms-',
  'microsoft-',
  'forefront-',
  'exchange-',
  'eop',
  'originating-ip',
  'originatingip',
  'originalarrivaltime',
  'incomingheadercount',
  'incomingtopheadermarker',
  'received',
  'google-',
  'gm-',
  'gmail-',
  'spam',
  'virus',
  'antivirus',
  'ironport-',
  'proofpoint-',
  'mimecast-',
  'barracuda-',
  'sa-exim-',
  'cloudmark',
  'mailscanner',
  'ymail',
  'yahoo-newman-',
  'aol-',
  'ses-',
  'mailgun-',
  'sg-',
  'dkim',
  'face',
  'gpg',
  'pgp',
  'mozilla-',
  'uidl',
  'ibm-',
  'tm-as-',
  'mimeole',
  'msmail-priority',
  'priority',
  'mailer',
  'original-to',
  'beenthere',
  'loop',
  'sender',
  'x-sender',
  'envelope-',
  'delivered-to',
  'return-path',
  'rcpt-to',
  'apparently-',
  'mail-from',
  'mailing-list',
  'complaints-to',
  'authentication-warning',
  'original-sender',
  'env-sender',
  'egroups-',
  'msg-ref',
  'asg-',
  'antiabuse',
  'topica-',
  'epoch',
]

function isMachineField(key: string): boolean {
  if (MACHINE_PREFIXES.some((prefix) => key.startsWith(prefix))) return true
  if (key.startsWith('content-')) return key !== 'content-description'
  if (!key.startsWith('x-')) return false

  const rest = key.slice(2)
  return rest === 'from' || MACHINE_X_PREFIXES.some((prefix) => rest.startsWith(prefix))
}

/** RFC 5322 §3.6.8: a field name is printable ASCII other than ":" (and not too long to read). */
const FIELD_NAME = /^[!-9;-~]{1,64}$/

/** True for a field whose value is scanned as text (by its lower-case name). */
export function isFreeTextField(key: string): boolean {
  return !STRUCTURED_FIELDS.has(key) && !isMachineField(key)
}

/**
 * The free-text fields of one header block, in order.
 *
 * @example
 * freeTextFieldsOf([{ key: 'x-note', line: 'X-Note: =?utf-8?q?caf=C3=A9?=' }])
 * // [{ name: 'X-Note', text: 'X-Note: café' }]
 */
export function freeTextFieldsOf(
  lines: readonly HeaderLine[],
  options: { readonly subjectScanned?: boolean } = {},
): HeaderField[] {
  // The message's own Subject is scanned apart (parse-message.ts, mailparser's first one); a
  // second Subject field, or one in a MIME part's header, is text a mail client may show.
  let skipSubject = options.subjectScanned === true
  return fieldsOf(lines, (key) => {
    if (key !== 'subject') return isFreeTextField(key)
    if (!skipSubject) return true
    skipSubject = false
    return false
  })
}

/**
 * The other fields of one header block (structure and machine trace data) but the Subject,
 * which is scanned as free text. A script can write any of them (an `X-MS-Exchange-…` field
 * set through Graph, a card number in a Message-ID or a display name), so they are scanned
 * too, but only for data whose form proves itself: a checksummed card or IBAN, a key block,
 * a vendor token (MACHINE_FIELD_CATEGORIES in inspect/content.ts). Their ids and timestamps
 * would make every shape-only recognizer fire.
 */
export function machineFieldsOf(lines: readonly HeaderLine[]): HeaderField[] {
  return fieldsOf(lines, (key) => key !== 'subject' && !isFreeTextField(key)).map(withParameters)
}

// Fields whose parameters RFC 2231 lets a writer split (x*0, x*1), percent-encode (x*=utf-8''…)
// or quote with backslashes: what they say is read decoded, after the field as written.
const PARAMETER_FIELDS: ReadonlySet<string> = new Set(['content-type', 'content-disposition'])

function withParameters(field: HeaderField): HeaderField {
  if (!PARAMETER_FIELDS.has(field.name.toLowerCase())) return field
  const value = field.text.slice(field.name.length + 1)
  try {
    const { params } = libmime.parseHeaderValue(value)
    const decoded = Object.entries(params).map(([key, param]) => `${key}=${param}`)
    return decoded.length === 0 ? field : { ...field, text: `${field.text}\n${decoded.join('\n')}` }
  } catch {
    return field
  }
}

function fieldsOf(lines: readonly HeaderLine[], isWanted: (key: string) => boolean): HeaderField[] {
  const fields: HeaderField[] = []

  for (const { key, line } of lines) {
    if (!isWanted(key)) continue

    const colon = line.indexOf(':')
    if (colon === -1) continue

    const written = line.slice(0, colon).trim()
    const name = FIELD_NAME.test(written) ? written : 'unnamed'
    const value = decodedValueOf(line.slice(colon + 1))
    if (value !== '') fields.push({ name, text: `${name}: ${value}` })
  }

  return fields
}

// RFC 5322 §2.2.3: a line break followed by white space folds the field.
const FOLD = /\r?\n(?=[ \t])/g

/**
 * Unfolds the value, reads its bytes as UTF-8 when they are (RFC 6532), else as Latin-1, and
 * decodes RFC 2047 encoded words.
 */
function decodedValueOf(raw: string): string {
  const bytes = Buffer.from(raw.replace(FOLD, ''), 'latin1')
  const utf8 = bytes.toString('utf8')
  const value = utf8.includes('\uFFFD') ? raw.replace(FOLD, '') : utf8

  try {
    return libmime.decodeWords(value).trim()
  } catch {
    // An encoded word in a charset libmime does not know: the value is scanned as written,
    // encoded words and all, which still shows any plain text around them.
    return value.trim()
  }
}
