export { parseMessage } from './parse-message.js'
export type { ParseLimits } from './parse-message.js'
export { normalizeAddress } from './addresses.js'
export type { Address, HeadersOfInterest, Message, MessagePart, ParseProblem } from './types.js'
