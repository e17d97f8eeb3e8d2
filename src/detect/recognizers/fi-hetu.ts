// FI_HETU: henkilötunnus DDMMYY, century sign (+ 1800s; - Y X W V U 1900s; A B C D E F
// 2000s), serial, mod-31 check character.
import { contextWords } from '../context-words.js'
import { definePattern } from '../define-pattern.js'
import { stdnumCheck } from '../stdnum-check.js'

// Century sign and check character are printed in capitals; typed in lower case the date
// and the mod-31 check are the same, and such a code is reported a little less sure.
const HETU = /(?<![\w-]|\d\.)\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-FHJ-NPR-Ya-fhj-npr-y](?![A-Za-z0-9])/g
const CONTEXT = contextWords([
  'henkilötunnus',
  'hetu',
  'personal identity code',
  'sosiaaliturvatunnus',
])
const isHetu = stdnumCheck('FI', 'hetu')

function isValidHetu(value: string): boolean {
  if (isHetu(value)) return true

  // stdnum 1.12 knows only the old century signs; the 2023 ones (B-F for the 2000s,
  // U-Y for the 1900s) share the date and check rules, so test with the classic sign.
  const sign = value.charAt(6)
  const classic = /[B-F]/.test(sign) ? 'A' : /[U-Y]/.test(sign) ? '-' : sign
  return classic !== sign && isHetu(`${value.slice(0, 6)}${classic}${value.slice(7)}`)
}

export const fiHetu = definePattern({
  name: 'fi-hetu',
  category: 'FI_HETU',
  pattern: HETU,
  scope: 'digits',
  evidence: 'checksum',
  context: CONTEXT,
  contextBoost: 0.1,
  validate(match) {
    const upper = match[0].toUpperCase()
    if (!isValidHetu(upper)) return undefined
    return { confidence: upper === match[0] ? 0.85 : 0.75 }
  },
})
