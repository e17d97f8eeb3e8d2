// PERSON_NAME: personal names found by cues a reader would use: a title or salutation
// before a capitalised word, a "name:" label, or a common given name followed by a
// capitalised surname. Header display names describe the message and are skipped.
import { append } from '../append.js'
import { isInEnvelopeField } from '../header-lines.js'
import {
  hintWords,
  mentionsAny,
  type Candidate,
  type Recognizer,
  type ScanInput,
} from '../recognizer.js'
import { GIVEN_NAMES } from './given-names.js'

const WORD = "[A-Z][a-z'’-]{1,30}"
const NAME = `${WORD}(?: [A-Z]\\.)?(?: ${WORD}){0,2}`

const TITLES = 'Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Sr|Sra'
const SALUTATIONS = 'Dear|Hi|Hello|Liebe|Lieber|Bonjour|Hola|Ciao|Cara|Caro'
const LABELS =
  '[Nn]ame|[Ff]ull [Nn]ame|[Pp]atient|[Ee]mployee|[Cc]ardholder|[Bb]eneficiary|[Mm]y name is|[Nn]ame des [A-Za-z]+'

// Sticky: each is tried only where a cue word starts (see cueStarts).
const TITLED = new RegExp(`\\b(?:${TITLES})\\.? (${NAME})`, 'y')
const SALUTED = new RegExp(`\\b(?:${SALUTATIONS}) (${NAME})`, 'y')
const LABELLED = new RegExp(`\\b(?:${LABELS})\\s{0,2}:?\\s{0,2}(${NAME})`, 'y')
// Every cue word of the three, found in one pass over the text instead of three.
const CUE_WORD = new RegExp(`\\b(?:${TITLES}|${SALUTATIONS}|${LABELS})`, 'g')
// Every label holds one of these in lower case; most texts hold none (653 of 7,599 corpus
// texts do), and there the pass without the labels' lower-case first letters finds the same
// places a quarter faster (47 → 35 ms on the corpus).
const LABEL_HINTS = hintWords(['name', 'patient', 'employee', 'cardholder', 'beneficiary'])
const CUE_WORD_WITHOUT_LABELS = new RegExp(`\\b(?:${TITLES}|${SALUTATIONS})`, 'g')
const PAIRED = new RegExp(`(?<![A-Za-z])(${WORD})((?: [A-Z]\\.)?(?: ${WORD}){1,2})`, 'g')

// Words that follow a salutation or title without being a name.
const NOT_NAMES = new Set([
  'Sir',
  'Madam',
  'Sirs',
  'Customer',
  'Team',
  'All',
  'Colleagues',
  'Friend',
  'Friends',
  'Valued',
  'User',
  'Member',
  'Client',
  'Partner',
  'There',
  'Everyone',
  'Kollegen',
  'Kolleginnen',
  'Damen',
  'Herren',
  'Support',
  'Hiring',
  'Manager',
  'Applicant',
])

function add(found: Candidate[], start: number, name: string, confidence: number): void {
  const first = name.split(' ')[0] ?? ''
  if (NOT_NAMES.has(first)) return
  append(found, {
    start,
    end: start + name.length,
    value: name.toLowerCase(),
    confidence,
    evidence: 'shape',
  })
}

/**
 * Where a cue word starts, every such place: the search resumes one past each match, so cue
 * words that overlap ("My name is" and its "name") are all found.
 */
export function cueStarts(text: string, mayHoldLabel: boolean): number[] {
  const starts: number[] = []
  const pattern = mayHoldLabel ? CUE_WORD : CUE_WORD_WITHOUT_LABELS

  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    append(starts, m.index)
    pattern.lastIndex = m.index + 1
  }

  return starts
}

/** Where a cue word starts in the scan text, labels looked for only where one may be. */
export function cueStartsOf(input: ScanInput): number[] {
  return cueStarts(input.text, mentionsAny(input, LABEL_HINTS))
}

// The matches a scan of `pattern` over the text would find: it can only match where one of
// its cue words starts, so it is tried at those places, resuming past each match as a scan
// does.
function scanCue(
  text: string,
  starts: readonly number[],
  pattern: RegExp,
  confidence: number,
  found: Candidate[],
): void {
  let from = 0

  for (const at of starts) {
    if (at < from) continue

    pattern.lastIndex = at
    const m = pattern.exec(text)
    if (m === null) continue

    const name = m[1] ?? ''
    add(found, m.index + m[0].length - name.length, name, confidence)
    from = m.index + m[0].length
  }
}

// A capitalised run is tried from each of its words in turn, so "Hello Richard Nixon" is
// read from "Richard" once "Hello" is not a given name.
function scanPairs(text: string, found: Candidate[]): void {
  PAIRED.lastIndex = 0

  for (let m = PAIRED.exec(text); m !== null; m = PAIRED.exec(text)) {
    const first = m[1] ?? ''
    if (GIVEN_NAMES.has(first.toLowerCase())) {
      add(found, m.index, m[0], 0.6)
      continue
    }
    PAIRED.lastIndex = m.index + first.length + 1
  }
}

export const personName: Recognizer = {
  name: 'person-name',
  category: 'PERSON_NAME',
  find(input) {
    const found: Candidate[] = []

    const starts = cueStartsOf(input)
    scanCue(input.text, starts, TITLED, 0.8, found)
    scanCue(input.text, starts, SALUTED, 0.65, found)
    scanCue(input.text, starts, LABELLED, 0.7, found)

    scanPairs(input.text, found)

    if (input.origin !== 'header') return found
    return found.filter((c) => !isInEnvelopeField(input.text, c.start))
  },
}
