export { decide, countDistinct } from './decide.js'
export type { Policy } from './decide.js'
export type { Action, Decision, PolicyInput, Reason } from './types.js'
