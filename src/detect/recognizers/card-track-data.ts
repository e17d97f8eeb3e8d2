// CARD_TRACK_DATA: magnetic-stripe data (ISO/IEC 7813). Track 1: %B PAN ^ NAME ^ YYMM
// service code and discretionary data ?; track 2: ; PAN = YYMM … ?. The PAN must be a card.
import { definePattern } from '../define-pattern.js'
import { isCardNumber } from './credit-card.js'

const TRACK =
  /(?:%B(\d{12,19})\^[A-Za-z /.'-]{2,26}\^\d{4}[0-9A-Za-z ]{0,79}\?|;(\d{12,19})=\d{4}\d{0,30}\?)/g

export const cardTrackData = definePattern({
  name: 'card-track-data',
  category: 'CARD_TRACK_DATA',
  pattern: TRACK,
  scope: 'digits',
  evidence: 'checksum',
  validate(match) {
    const pan = match[1] ?? match[2] ?? ''
    return isCardNumber(pan) ? { confidence: 0.95, value: pan } : undefined
  },
})
