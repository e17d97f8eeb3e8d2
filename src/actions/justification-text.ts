// What the sender wrote in a justification reply: the text above the quoted notice, without
// the signature and sign-off, and whether it says anything at all.
import { simpleParser } from 'mailparser'

export type RefusalReason = 'empty' | 'trivial' | 'too-few-words' | 'too-short'

export type Judgement =
  | { readonly ok: true; readonly text: string; readonly words: number }
  | { readonly ok: false; readonly reason: RefusalReason }

export interface JustificationRules {
  readonly minWords: number
  readonly minCharacters: number
}

/**
 * The reply's own text: the plain-text body (or the HTML body as text), quoted history and
 * signature removed.
 */
export async function readReplyText(raw: Buffer): Promise<string> {
  // Links and images carry nothing a reason needs; mailparser still turns HTML into text.
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true })
  const text = typeof mail.text === 'string' && mail.text.trim() !== '' ? mail.text : ''
  return stripQuotedAndSignature(text)
}

// Where the quoted notice starts in the usual clients. Each matches one line.
const QUOTE_HEADERS: readonly RegExp[] = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)\s*-{2,}/i,
  // Outlook's rule above its From:/Sent: block.
  /^_{10,}\s*$/,
  /^(am|le|el|il|op) .{4,200}(schrieb|a écrit|escribió|ha scritto|schreef)[^:]{0,100}:\s*$/i,
  /^on .{4,200} wrote:\s*$/i,
]

// Outlook and most webmail put a header block over the quoted message: From: then, within a
// few lines, Sent: or Date:.
const BLOCK_FROM = /^\*?(from|von|de|da|van|från)\s?:/i
const BLOCK_SENT = /^\*?(sent|date|gesendet|datum|envoyé|enviado|inviato|verzonden|skickat)\s?:/i

// "On Tue, 3 Dec 2026 at 10:00, mailward <" on one line and "mailward@x> wrote:" on the next.
const WROTE_START = /^on .{4,200}$/i
const WROTE_END = /wrote:\s*$/i

// RFC 3676 §4.3: "-- " alone on a line starts a signature; many clients drop the space.
const SIGNATURE = /^--\s?$/
const MOBILE_FOOTER =
  /^(sent from my |sent from outlook|get outlook for |von meinem .* gesendet|envoyé de mon )/i

// A closing line such as "Best regards," or "Thanks!" with at most a name under it.
const SIGN_OFF =
  /^(best|kind|warm|many)?\s*(regards|wishes|thanks|greetings)[,.!]*$|^(thanks|thank you|thx|cheers|best|br|sincerely|yours|mfg|cordialement|saludos|grüße|viele grüße|liebe grüße|beste grüße|mit freundlichen grüßen)[,.!]*$/i
const SIGN_OFF_TAIL_LINES = 4

/** Removes quoted lines, the quoted notice below the reply, the signature and a sign-off. */
export function stripQuotedAndSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const end = quoteStart(lines)
  const own = lines.slice(0, end).filter((line) => !line.trimStart().startsWith('>'))

  const signature = own.findIndex(
    (line) => SIGNATURE.test(line.trimEnd()) || MOBILE_FOOTER.test(line.trim()),
  )
  const body = signature === -1 ? own : own.slice(0, signature)
  return withoutSignOff(body).join('\n').trim()
}

function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (QUOTE_HEADERS.some((pattern) => pattern.test(line))) return i
    if (WROTE_START.test(line) && WROTE_END.test((lines[i + 1] ?? '').trim())) return i

    const isHeaderBlock =
      BLOCK_FROM.test(line) &&
      lines.slice(i + 1, i + 5).some((next) => BLOCK_SENT.test(next.trim()))
    if (isHeaderBlock) return i
  }
  return lines.length
}

// Blank lines and horizontal rules (an HTML <hr> as text) left above the quoted notice.
const TRAILING_FILLER = /^([-_=*]{3,})?$/

function withoutSignOff(lines: readonly string[]): readonly string[] {
  const trimmed = [...lines]
  while (trimmed.length > 0 && TRAILING_FILLER.test((trimmed[trimmed.length - 1] as string).trim()))
    trimmed.pop()

  for (let i = trimmed.length - 1; i >= Math.max(0, trimmed.length - SIGN_OFF_TAIL_LINES); i--) {
    if (SIGN_OFF.test((trimmed[i] as string).trim())) return trimmed.slice(0, i)
  }
  return trimmed
}

// Words that say nothing about why a message should go, in the languages of our notices'
// readers; a reply made only of these is refused.
const EMPTY_WORDS = new Set(
  [
    'ok okay k kk yes yep yeah y sure fine good right correct agreed agree approve approved',
    "confirm confirmed valid legit please pls plz send release go it is its it's this that the",
    'a me now thanks thank you thx ty test testing done na none no reason business justified',
    'justification needed x xx xxx ja bitte danke passt oui merci si vale gracias',
  ]
    .join(' ')
    .split(' '),
)

// Rows of a QWERTY/QWERTZ/AZERTY keyboard: runs along them ("asdf", "qwer") are not words.
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm', 'azertyuiop']

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu

/**
 * Judges a justification. Refused: nothing written; only empty words ("ok", "yes please") or
 * keyboard runs ("asdf"); fewer distinct words than `minWords`; fewer letters and digits
 * than `minCharacters`.
 *
 * TODO: Scripts written without spaces (Chinese, Japanese, Thai) count one word per run of
 * letters, so a reason in them needs punctuation between clauses to reach minWords; a
 * segmenter (Intl.Segmenter with word granularity) would count them properly.
 *
 * @example
 * judgeJustification('ok', { minWords: 3, minCharacters: 15 }) // { ok: false, reason: 'trivial' }
 */
export function judgeJustification(text: string, rules: JustificationRules): Judgement {
  const characters = (text.match(LETTER_OR_DIGIT) ?? []).length
  if (characters === 0) return { ok: false, reason: 'empty' }

  const distinct = new Set((text.match(WORD) ?? []).map((word) => word.toLowerCase()))
  const meaningful = [...distinct].filter((word) => !EMPTY_WORDS.has(word) && !isKeyboardRun(word))
  if (meaningful.length === 0) return { ok: false, reason: 'trivial' }

  const words = [...distinct].filter((word) => !isKeyboardRun(word)).length
  if (words < rules.minWords) return { ok: false, reason: 'too-few-words' }
  if (characters < rules.minCharacters) return { ok: false, reason: 'too-short' }
  return { ok: true, text, words }
}

/** The sentence a refusal notice gives the sender. */
export function refusalSentence(reason: RefusalReason): string {
  switch (reason) {
    case 'empty':
      return 'Your reply had no text of its own (quoted text and signatures are not read).'
    case 'trivial':
      return 'A reply such as "ok" or "please send" does not say why the message should go out.'
    case 'too-few-words':
    case 'too-short':
      return 'Your reply was too short to say why the message should go out.'
  }
}

/** "asdf", "lkjh", "zzzz": four or more keys in a row, or one key held down. */
function isKeyboardRun(word: string): boolean {
  if (word.length < 4) return false
  if (/^(.)\1+$/u.test(word)) return true
  return KEYBOARD_ROWS.some((row) => {
    const reversed = [...row].reverse().join('')
    return row.includes(word) || reversed.includes(word)
  })
}
