export { describeSend } from './describe-send.js'
export type { RecipientProfile, SendFeatures } from './types.js'
