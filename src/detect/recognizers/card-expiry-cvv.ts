// CARD_EXPIRY_CVV: an expiry date or a CVV/CVC written next to a valid card number. Alone,
// "12/26" or "123" mean nothing; within a short distance after a PAN they complete it.
import type { Candidate, Recognizer } from '../recognizer.js'
import { findCards } from './credit-card.js'

// How far after a card number to look: "4111 … 1111, exp 12/26, CVV 123" fits in 48.
const REACH = 48

const EXPIRY = /(?<![\d/])(?:0[1-9]|1[0-2]) ?[/-] ?(?:\d{2}|20\d{2})(?![\d/])/g
const CVV =
  /\b(?:cvv2?|cvc2?|csc|cid|security code|kartenprüfnummer|cryptogramme)\b\W{0,3}(\d{3,4})(?!\d)/gi

export const cardExpiryCvv: Recognizer = {
  name: 'card-expiry-cvv',
  category: 'CARD_EXPIRY_CVV',
  find(input) {
    const found: Candidate[] = []

    for (const card of findCards(input)) {
      const tail = input.text.slice(card.end, card.end + REACH)

      for (const m of tail.matchAll(EXPIRY)) {
        const start = card.end + m.index
        found.push({
          start,
          end: start + m[0].length,
          value: m[0].replace(/\D/g, ''),
          confidence: 0.8,
          evidence: 'structure',
          hasContext: true,
        })
      }

      for (const m of tail.matchAll(CVV)) {
        const code = m[1] ?? ''
        const start = card.end + m.index + m[0].length - code.length
        found.push({
          start,
          end: start + code.length,
          value: code,
          confidence: 0.9,
          evidence: 'structure',
          hasContext: true,
        })
      }
    }

    return found
  },
}
