// Material for the planted incidents of scripts/behavior-plants.ts: a seeded random generator,
// made-up people and domains, edits and look-alike characters. Test support, no detector logic.
import type {
  Party,
  PlantContext,
  PlantedSend,
  SenderHabit,
  SeenRecipient,
} from './behavior-plants.js'

// ---------------------------------------------------------------------------------------------
// Random numbers: mulberry32, so that a seed gives the same plants on every machine.

export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
    }
    return copy
  }
}

// ---------------------------------------------------------------------------------------------
// Building blocks.

export const FIRST_NAMES =
  'anna bruno carla david elena farid grace hugo irene jonas karin liam maria nadia oscar paula quentin rosa samir tanja ulrich vera walter yasmin zoran amelie boris chloe dmitri emma'.split(
    ' ',
  )
export const LAST_NAMES =
  'schmidt garcia rossi novak dubois jensen kowalski silva murphy fischer moreau lindqvist horvat costa weber okafor tanaka haddad berg petrov meyer lopez keller ward brennan sato olsen varga'.split(
    ' ',
  )
export const CITIES = [
  'Lyon',
  'Leeds',
  'Graz',
  'Porto',
  'Malmo',
  'Turin',
  'Ghent',
  'Bergen',
  'Cork',
]
export const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ran',
  'tec',
  'vo',
  'nex',
  'sol',
  'dar',
  'bel',
  'qui',
  'zen',
]
export const TLDS = ['com', 'net', 'org', 'de', 'io', 'co.uk', 'fr', 'biz']
export const FREE_MAIL = [
  'gmail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'aol.com',
  'gmx.net',
]
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** Look-alike ASCII spellings seen in typosquatting (digits, digraphs). */
export const ASCII_LOOKALIKES: Readonly<Record<string, readonly string[]>> = {
  o: ['0'],
  l: ['1', 'i'],
  i: ['1', 'l'],
  m: ['rn'],
  w: ['vv'],
  d: ['cl'],
  s: ['5'],
  e: ['3'],
  a: ['4'],
  g: ['9'],
  b: ['6'],
}

/** Cyrillic and Greek letters that render like Latin ones (IDN homograph attacks). */
export const SCRIPT_LOOKALIKES: Readonly<Record<string, readonly string[]>> = {
  a: ['а', 'α'],
  c: ['с'],
  e: ['е'],
  h: ['һ'],
  i: ['і'],
  j: ['ј'],
  o: ['о', 'ο'],
  p: ['р'],
  s: ['ѕ'],
  x: ['х'],
  y: ['у'],
  d: ['ԁ'],
  v: ['ν'],
}

export const NEUTRAL_TEXTS = [
  'Hello,\n\nplease find the details below.\n\nBest regards',
  'Hi,\n\nas discussed, here is the file.\n\nThanks',
  'Dear all,\n\nfor your information.\n\nKind regards',
  'Hi,\n\nsee attached, let me know if anything is missing.\n\nCheers',
]

export function personName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) }
}

export function title(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

export function randomDomain(rng: Rng, avoid: ReadonlySet<string>): string {
  for (;;) {
    const label = Array.from({ length: rng.int(2, 3) }, () => rng.pick(SYLLABLES)).join('')
    const domain = `${label}.${rng.pick(TLDS)}`
    if (!avoid.has(domain)) return domain
  }
}

/** A stranger: someone at a domain the organisation never wrote to. */
export function stranger(rng: Rng, ctx: PlantContext): Party {
  const { first, last } = personName(rng)
  const domain = randomDomain(rng, ctx.everyDomain)
  return { name: `${title(first)} ${title(last)}`, address: `${first}.${last}@${domain}` }
}

/** One random edit (substitute, insert, delete, swap) at a position after the first letter. */
export function editOnce(word: string, rng: Rng): string {
  const at = rng.int(1, Math.max(1, word.length - 1))
  const letter = rng.pick([...LETTERS])
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, at) + letter + word.slice(at + 1)
    case 1:
      return word.slice(0, at) + letter + word.slice(at)
    case 2:
      return word.length > 3 ? word.slice(0, at) + word.slice(at + 1) : word + letter
    default:
      return at + 1 < word.length
        ? word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2)
        : word + letter
  }
}

export function edit(word: string, edits: number, rng: Rng): string {
  let result = word
  for (let i = 0; i < edits || (result === word && i < 10); i++) result = editOnce(result, rng)
  return result
}

/** The registrable label of a domain: `partner` in mail.partner.co.uk. */
export function splitDomain(domain: string): { prefix: string; label: string; suffix: string } {
  const labels = domain.split('.')
  const twoPart = labels.length >= 3 && /^(co|com|net|org|ac|gov|edu)$/.test(labels.at(-2) ?? '')
  const suffixLabels = twoPart ? 2 : 1
  const label = labels[labels.length - suffixLabels - 1] ?? labels[0] ?? domain
  return {
    prefix: labels.slice(0, labels.length - suffixLabels - 1).join('.'),
    label,
    suffix: labels.slice(labels.length - suffixLabels).join('.'),
  }
}

export function joinDomain(parts: { prefix: string; label: string; suffix: string }): string {
  return [parts.prefix, parts.label, parts.suffix].filter((part) => part !== '').join('.')
}

export function usualExternal(habit: SenderHabit): (SeenRecipient & { count: number })[] {
  return [...habit.recipients.values()].filter((r) => r.isExternal && r.count >= 2)
}

export function anyExternal(habit: SenderHabit): (SeenRecipient & { count: number })[] {
  return [...habit.recipients.values()].filter((r) => r.isExternal)
}

export function neutral(rng: Rng): string {
  return rng.pick(NEUTRAL_TEXTS)
}

export function fillerFile(name: string, bytes: number): PlantedSend['attachments'][number] {
  const line = 'row,item,quantity,notes for the export of the quarter\n'
  const content = Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes))
  return { filename: name, contentType: 'text/csv', content }
}

export function localOf(address: string): string {
  return address.slice(0, address.lastIndexOf('@'))
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1)
}

/** Addresses of a recipient, with the name kept as the sender's client would show it. */
export function party(recipient: SeenRecipient): Party {
  return { name: recipient.name, address: recipient.address }
}

/** Rows of people: names, dates of birth and phone numbers. */
export function peopleRows(rng: Rng, rows: number, withEmail: boolean, domain: string): string {
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const { first, last } = personName(rng)
    const born = `${rng.int(1950, 2003)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
    const phone = `+49 30 ${rng.int(2000, 9999)} ${rng.int(1000, 9999)}`
    const email = withEmail ? `, ${first}.${last}${i}@${domain}` : ''
    lines.push(
      `${title(first)} ${title(last)}, born ${born}, phone ${phone}${email}, ${rng.pick(CITIES)}`,
    )
  }
  return lines.join('\n')
}

/** A German IBAN with correct ISO 7064 mod-97 check digits. */
export function iban(rng: Rng): string {
  const bban = Array.from({ length: 18 }, () => rng.int(0, 9)).join('')
  const numeric = `${bban}131400` // D=13, E=14, check digits 00
  let remainder = 0
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97
  const check = String(98 - remainder).padStart(2, '0')
  return `DE${check}${bban}`.replace(/(.{4})/g, '$1 ').trim()
}
