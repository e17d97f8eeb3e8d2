export { describeSend } from './describe-send.js'
export type { BehaviorContext, SendInput } from './describe-send.js'
export { learnObservation, learnSend } from './learn-send.js'
export { learnReleasedSend } from './learn-released.js'
export type { ReleasedSend, ReleaseLearning } from './learn-released.js'
export { SIGNAL_CODES } from './types.js'
export type {
  BehaviorMeasures,
  BehaviorSettings,
  BehaviorSignal,
  RecipientProfile,
  SendFeatures,
  SignalCode,
} from './types.js'
export { sendInputFrom } from './send-input.js'
export { baselinesFor } from './open-baselines.js'
export { describeBaseline } from './describe-baseline.js'
export type { BaselineSummary } from './describe-baseline.js'
