// The kinds of send the risk model learns from, and their labels: the behaviour evaluation's
// planted incidents (all label 1) and a few content variations made for training only, each
// labelled by construction (docs/model.md explains why).
import { createHash } from 'node:crypto'
import { PLANTERS, PLANT_KINDS, type Planter } from './behavior-plants.js'
import { iban, neutral, party, stranger, usualExternal, type Rng } from './plant-material.js'

/** Extra kinds for training only, with their labels. */
export const VARIATIONS: Readonly<Record<string, { label: 0 | 1; planter: Planter }>> = {
  'invoice-to-usual-recipient': {
    label: 0,
    planter: (habit, { rng }) => {
      const pool = usualExternal(habit)
      if (pool.length === 0) return undefined
      return {
        to: [party(rng.pick(pool))],
        cc: [],
        subject: 'Invoice',
        text: `Hello,\n\nplease find the invoice below. Our bank details: IBAN ${iban(rng)}\n\nThanks`,
        attachments: [],
        how: 'bank details to a usual recipient',
      }
    },
  },
  'contact-to-usual-recipient': {
    label: 0,
    planter: (habit, { rng }) => {
      const pool = usualExternal(habit)
      if (pool.length === 0) return undefined
      const phone = `+44 20 7946 0${rng.int(100, 999)}`
      return {
        to: [party(rng.pick(pool))],
        cc: [],
        subject: 'Meeting',
        text: `Hi,\n\n${neutral(rng)}\nYou can reach me on ${phone}.\n\nBest`,
        attachments: [],
        how: 'a phone number to a usual recipient',
      }
    },
  },
  'sensitive-to-colleague': {
    label: 0,
    planter: (habit, { rng }) => {
      const pool = [...habit.recipients.values()].filter((r) => !r.isExternal)
      if (pool.length === 0) return undefined
      const content = rng.pick([
        `our bank details are IBAN ${iban(rng)}`,
        'the card for the booking is 4012 8888 8888 1881',
        `the service account is\n${awsKeyPair(rng)}`,
      ])
      return {
        to: [party(rng.pick(pool))],
        cc: [],
        subject: 'For you',
        text: `Hi,\n\nas discussed, ${content}\n\nThanks`,
        attachments: [],
        how: 'sensitive data to a colleague inside the organisation',
      }
    },
  },
  'confidential-to-usual-recipient': {
    label: 0,
    planter: (habit, { rng }) => {
      const pool = usualExternal(habit)
      if (pool.length === 0) return undefined
      return {
        to: [party(rng.pick(pool))],
        cc: [],
        subject: 'Draft',
        text: `Hello,\n\n${neutral(rng)}\n\nBest`,
        attachments: [],
        headers: msipLabel('Confidential', rng),
        how: 'a Confidential label to a usual recipient',
      }
    },
  },
  'confidential-to-new-domain': {
    label: 1,
    planter: (_habit, ctx) => {
      const { rng } = ctx
      return {
        to: [stranger(rng, ctx)],
        cc: [],
        subject: 'Draft',
        text: `Hello,\n\n${neutral(rng)}\n\nBest`,
        attachments: [],
        headers: msipLabel(rng.pick(['Confidential', 'Highly Confidential']), rng),
        how: 'a Confidential label to a new domain',
      }
    },
  },
  'sensitive-under-general-label': {
    label: 1,
    planter: (habit, { rng }) => {
      const pool = usualExternal(habit)
      if (pool.length === 0) return undefined
      const data = rng.chance(0.5) ? `IBAN ${iban(rng)}` : 'card 4012 8888 8888 1881'
      return {
        to: [party(rng.pick(pool))],
        cc: [],
        subject: 'Details',
        text: `Hello,\n\nhere it is: ${data}\n\nBest`,
        attachments: [],
        headers: msipLabel(rng.pick(['General', 'Public']), rng),
        how: 'sensitive data under a General or Public label',
      }
    },
  },
  'secret-to-usual-recipient': {
    label: 1,
    planter: (habit, { rng }) => {
      const pool = usualExternal(habit)
      if (pool.length === 0) return undefined
      return {
        to: [party(rng.pick(pool))],
        cc: [],
        subject: 'Access',
        text: `Hi,\n\nhere are the credentials for the bucket:\n${awsKeyPair(rng)}\n\nCheers`,
        attachments: [],
        how: 'a cloud key pair to a usual recipient',
      }
    },
  },
}

export const KINDS = [...PLANT_KINDS, ...Object.keys(VARIATIONS)]
export const PLANTERS_ALL: Readonly<Record<string, Planter>> = {
  ...PLANTERS,
  ...Object.fromEntries(Object.entries(VARIATIONS).map(([kind, v]) => [kind, v.planter])),
}

/** A Purview msip_labels header (M365.md §7.1) for a label of that name, with a random GUID. */
function msipLabel(name: string, rng: Rng): Record<string, string> {
  const hex = (n: number) =>
    Array.from({ length: n }, () => rng.pick([...'0123456789abcdef'])).join('')
  const id = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const site = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const label = `MSIP_Label_${id}`
  return {
    msip_labels: [
      `${label}_Enabled=true`,
      `${label}_SetDate=2024-01-02T10:00:00Z`,
      `${label}_Method=Privileged`,
      `${label}_Name=${name}`,
      `${label}_SiteId=${site}`,
      `${label}_ContentBits=0`,
    ].join(';'),
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function awsKeyPair(rng: Rng): string {
  const id = Array.from({ length: 16 }, () => rng.pick([...BASE32])).join('')
  const secret = Array.from({ length: 40 }, () => rng.pick([...BASE64])).join('')
  return `aws_access_key_id = AKIA${id}\naws_secret_access_key = ${secret}`
}

export function labelOf(kind: string): 0 | 1 {
  if (kind === 'ordinary') return 0
  return VARIATIONS[kind]?.label ?? 1
}

/**
 * Where training plants go: from a sender's third send on (so that a cold start is not a sign
 * of innocence), each written above the body of one of the sender's own sends (signature,
 * quotes), so that a plant reads like that sender's mail.
 */
export const TRAINING_PLACING = { earliest: 2, carrier: true } as const

/** A sender's key in the training set: organisation and address. */
export function senderKey(org: string, sender: string): string {
  return `${org}:${sender}`
}

/**
 * The split by sender of scripts/train_model.py (`held_out`): the first byte of
 * SHA-256("<seed>:<sender key>") below share × 256. The same sender is always on one side.
 */
export function isHeldOut(key: string, seed: number, share: number): boolean {
  const first = createHash('sha256').update(`${seed}:${key}`).digest()[0] ?? 0
  return first / 256 < share
}
