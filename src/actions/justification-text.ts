// What the sender wrote in a justification reply: the text above the quoted notice, without
// the signature and sign-off, and whether it says anything at all: a reason, or only filler,
// a refusal to explain or an out-of-office text (the vocabulary is in justification-phrases.ts).
import { simpleParser } from 'mailparser'
import {
  ABSENCE_PHRASES,
  EMPTY_WORDS,
  NO_REASON_PHRASES,
  OUT_OF_OFFICE_PHRASES,
  PLACEHOLDER_WORDS,
  RETURN_WORDS,
} from './justification-phrases.js'

export type RefusalReason =
  'empty' | 'out-of-office' | 'filler' | 'no-reason' | 'trivial' | 'too-few-words' | 'too-short'

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

// Rows of a QWERTY/QWERTZ/AZERTY keyboard: runs along them ("asdf", "qwer") are not words.
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm', 'azertyuiop']

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'-]*/gu
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu

/** What one word of a reply contributes to a reason. */
type WordKind = 'content' | 'empty' | 'filler'

/**
 * Judges a justification. Refused, in this order: nothing written (`empty`); an out-of-office
 * text (`out-of-office`); mostly filler, such as repeated letters, keyboard runs or Lorem Ipsum
 * (`filler`); a refusal to explain ("I don't know, just send it") with no reason besides
 * (`no-reason`); only words that say nothing, such as "ok" or "yes please" (`trivial`); fewer
 * distinct words than `minWords` (`too-few-words`); fewer letters and digits than
 * `minCharacters` (`too-short`).
 *
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese)
 * are split into words by ICU's word segmenter (Intl.Segmenter), so a reason written in them
 * counts its words as one in a spaced script does. Towards `minCharacters` a Chinese or
 * Japanese character counts three times (供应商换了银行, "the supplier changed banks", is seven)
 * and a letter of the other scripts twice. ICU finds their words with a dictionary: in a real
 * sentence a third or more of them are words of two or more characters, while a list of
 * characters (the kana table, the heavenly stems, characters picked at random) falls apart
 * into single ones, and is filler. Thai, Lao and Khmer write vowels as signs around their
 * consonants, and ICU groups unknown consonants into "words" of their own: a run of them
 * without vowel signs (an alphabet, random consonants) is filler too.
 *
 * Only the first MAX_JUDGED_CHARACTERS are judged: a reason needs far fewer, and the
 * segmenter's cost grows faster than the text it is given (it is given runs of at most
 * SEGMENT_RUN characters).
 *
 * TODO: The word lists cover English, German, French, Spanish, Italian, Dutch and Portuguese
 * only; a filler or refusal in another language is judged by its length alone.
 *
 * @example
 * judgeJustification('ok', { minWords: 3, minCharacters: 15 }) // { ok: false, reason: 'trivial' }
 */
export function judgeJustification(text: string, rules: JustificationRules): Judgement {
  const judged = text.length > MAX_JUDGED_CHARACTERS ? text.slice(0, MAX_JUDGED_CHARACTERS) : text
  const letters = judged.match(LETTER_OR_DIGIT) ?? []
  if (letters.length === 0) return { ok: false, reason: 'empty' }
  const characters = letters.reduce((sum, letter) => sum + weightOf(letter), 0)

  const words = wordsOf(judged)
  if (isOutOfOffice(words)) return { ok: false, reason: 'out-of-office' }

  const kinds = words.map(kindOf)
  const fillers = kinds.filter((kind) => kind === 'filler').length
  // Half or more: one placeholder in a real sentence ("invoice xxx") is only noise.
  if (fillers * 2 >= words.length) return { ok: false, reason: 'filler' }
  if (isCharacterList(words) || hasNoVowels(judged)) return { ok: false, reason: 'filler' }

  const refusals = phraseWords(words, NO_REASON_PHRASES)
  const content = new Set(words.filter((word, i) => kinds[i] === 'content' && !refusals.has(i)))
  if (content.size === 0) {
    return { ok: false, reason: refusals.size > 0 ? 'no-reason' : 'trivial' }
  }
  if (refusals.size > 0 && content.size < rules.minWords) return { ok: false, reason: 'no-reason' }

  const distinct = new Set(words.filter((_, i) => kinds[i] !== 'filler')).size
  if (distinct < rules.minWords) return { ok: false, reason: 'too-few-words' }
  if (characters < rules.minCharacters) return { ok: false, reason: 'too-short' }
  return { ok: true, text, words: distinct }
}

/** The sentence a refusal notice gives the sender. */
export function refusalSentence(reason: RefusalReason): string {
  switch (reason) {
    case 'empty':
      return 'Your reply had no text of its own (quoted text and signatures are not read).'
    case 'trivial':
      return 'A reply such as "ok" or "please send" does not say why the message should go out.'
    case 'filler':
      return 'Your reply was filler or placeholder text, not a reason.'
    case 'no-reason':
      return 'A reply such as "I don\'t know, just send it" does not say why the message should go out.'
    case 'out-of-office':
      return (
        'Your reply looks like an automatic out-of-office message, which cannot release the ' +
        'message. Once you are back, reply yourself and say why it should go out.'
      )
    case 'too-few-words':
    case 'too-short':
      return 'Your reply was too short to say why the message should go out.'
  }
}

// Scripts that do not put spaces between words: a run of their letters is a clause, not a word.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' })

/** Characters of a reply that are judged; the rest is kept with the reason but not read. */
export const MAX_JUDGED_CHARACTERS = 20_000

// Node 20's segmenter copies its input for every segment it returns: one run of 40,000 Chinese
// characters took 9 s and 3 GiB. Runs are cut into pieces of this many code points first (a
// word cut in two at a boundary is a word more or less, nothing else).
const SEGMENT_RUN = /[\s\S]{1,200}/gu

/** The reply's words, lower-case, with typographic apostrophes made plain. */
function wordsOf(text: string): string[] {
  return (text.replace(/[’‘]/g, "'").toLowerCase().match(WORD) ?? []).flatMap((match) => {
    const word = match.replace(/['-]+$/, '')
    if (!UNSPACED.test(word)) return [word]
    return (word.match(SEGMENT_RUN) ?? []).flatMap((run) =>
      [...SEGMENTER.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment),
    )
  })
}

const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/** What one letter counts for towards minCharacters (see judgeJustification). */
function weightOf(letter: string): number {
  if (IDEOGRAPHIC.test(letter)) return 3
  return UNSPACED.test(letter) ? 2 : 1
}

// Consonants and vowel signs (with the vowels written before their consonant) of Thai, Lao
// and Khmer.
const ABUGIDA_CONSONANT = /[\u0e01-\u0e2e\u0e81-\u0eae\u1780-\u17a2]/gu
const ABUGIDA_VOWEL = /[\u0e30-\u0e3a\u0e40-\u0e4e\u0eb0-\u0ebc\u0ec0-\u0ecd\u17b6-\u17d1]/gu

/**
 * Ten or more Thai, Lao or Khmer consonants with vowel signs on fewer than one in ten: words in
 * these scripts need vowels (ลูกค้าขอเอกสารนี้ has 7 signs to 10 consonants), an alphabet or a
 * string of random consonants has none.
 */
function hasNoVowels(text: string): boolean {
  const consonants = text.match(ABUGIDA_CONSONANT)?.length ?? 0
  if (consonants < 10) return false
  const vowels = text.match(ABUGIDA_VOWEL)?.length ?? 0
  return vowels * 10 < consonants
}

/**
 * A text mostly in a script without spaces whose words are nearly all single characters: a list
 * of characters, not sentences (see judgeJustification). Six words at least, so that a short
 * reply is judged by the length rules instead.
 */
function isCharacterList(words: readonly string[]): boolean {
  const unspaced = words.filter((word) => UNSPACED.test(word))
  if (unspaced.length < 6 || unspaced.length * 2 < words.length) return false
  const long = unspaced.filter((word) => [...word].length >= 2).length
  return long * 3 < unspaced.length
}

function kindOf(word: string): WordKind {
  if (EMPTY_WORDS.has(word)) return 'empty'
  if (PLACEHOLDER_WORDS.has(word) || isKeyboardRun(word) || isRepeated(word)) return 'filler'
  // A lone letter ("x", "k") says nothing; a lone digit may be part of a ticket number. In
  // Chinese and Japanese one character is often a whole word (我, 送).
  if (word.length === 1 && /\p{L}/u.test(word) && !UNSPACED.test(word)) return 'empty'
  return 'content'
}

/** An out-of-office phrase, or an absence stated with a return ("on holiday until Monday"). */
function isOutOfOffice(words: readonly string[]): boolean {
  if (phraseWords(words, OUT_OF_OFFICE_PHRASES).size > 0) return true
  if (phraseWords(words, ABSENCE_PHRASES).size === 0) return false
  return words.some((word) => RETURN_WORDS.has(word))
}

/** Positions of the words that belong to any of `phrases`, matched on whole words. */
function phraseWords(words: readonly string[], phrases: readonly string[]): Set<number> {
  const positions = new Set<number>()
  for (const phrase of phrases) {
    const parts = phrase.split(' ')
    for (let start = 0; start + parts.length <= words.length; start++) {
      if (parts.every((part, offset) => words[start + offset] === part)) {
        for (let offset = 0; offset < parts.length; offset++) positions.add(start + offset)
      }
    }
  }
  return positions
}

/** "asdf", "lkjh": four or more keys in a row of the keyboard, either way. */
function isKeyboardRun(word: string): boolean {
  if (word.length < 4) return false
  return KEYBOARD_ROWS.some((row) => {
    const reversed = [...row].reverse().join('')
    return row.includes(word) || reversed.includes(word)
  })
}

// One letter held or repeated ("aaa", "zzzz"), or a short run typed again and again ("asdasd",
// "hahaha"). Two letters ("aa") already say nothing; a repeated unit needs six to be sure.
const REPEATED_LETTER = /^(\p{L})\1+$/u
const REPEATED_RUN = /^(\p{L}{1,3})\1+$/u

function isRepeated(word: string): boolean {
  return REPEATED_LETTER.test(word) || (word.length >= 6 && REPEATED_RUN.test(word))
}
