// DATE_OF_BIRTH: a date next to a birth word (born, DOB, geb., né(e), …) with a plausible
// age of 0-120 years. Dates without such a word are invoice, due or meeting dates.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre'
const NUMERIC = '\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}'
const WORDY = `\\d{1,2}(?:st|nd|rd|th)?\\.? (?:${MONTHS})\\.? \\d{4}|(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`
const DATE = new RegExp(`(?<![\\w./-])(?:${NUMERIC}|${WORDY})(?![\\w/-])`, 'gi')

const CONTEXT = contextWords([
  'born',
  'birth',
  'date of birth',
  'dob',
  'd.o.b',
  'birthday',
  'birthdate',
  'geb',
  'geboren',
  'geburtsdatum',
  'né',
  'née',
  'date de naissance',
  'fecha de nacimiento',
  'data di nascita',
  'nacido',
  'nata',
  'nato',
  'födelsedatum',
  'geboortedatum',
])

// Every context word holds one of these, lower-cased (contextHints).
const CONTEXT_HINTS = [
  'born',
  'birth',
  'dob',
  'd.o.b',
  'geb',
  'né',
  'naissance',
  'nacimiento',
  'nascita',
  'nacido',
  'nata',
  'nato',
  'föd',
]

// The year of a matched date, or undefined when none can be read.
function yearOf(date: string): number | undefined {
  const four = /\d{4}/.exec(date)
  if (four !== null) return Number(four[0])

  const two = /(\d{2})$/.exec(date)
  return two === null ? undefined : 1900 + Number(two[1])
}

export const dateOfBirth = definePattern({
  name: 'date-of-birth',
  category: 'DATE_OF_BIRTH',
  pattern: DATE,
  scope: 'digits',
  evidence: 'structure',
  context: CONTEXT,
  contextHints: CONTEXT_HINTS,
  contextBoost: 0.45,
  withoutContext: 0.15,
  validate(match) {
    const year = yearOf(match[0])
    const now = new Date().getUTCFullYear()
    if (year === undefined || year < now - 120 || year > now) return undefined
    return { confidence: 0.35, value: match[0].toLowerCase() }
  },
})
