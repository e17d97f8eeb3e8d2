// The root logger. Records are JSON lines; what goes into them is built from allowlists in
// serializers.ts, and pino's redact below is only a backstop for fields nobody predicted.
import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger } from 'pino'
export { summarizeDecision, describeError } from './serializers.js'

/** Field names that must never carry message content; censored wherever they appear. */
const REDACTED_PATHS = [
  'text',
  'html',
  'value',
  'content',
  'subject',
  'body',
  'filename',
  '*.text',
  '*.html',
  '*.value',
  '*.content',
  '*.subject',
  '*.body',
  '*.filename',
]

/**
 * Creates the root logger writing JSON lines to `destination` (stdout by default).
 *
 * @example
 * const log = createLogger('info')
 * log.child({ sessionId }).info({ event: 'session.open' })
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'mailward' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  }
  return destination === undefined ? pino(options) : pino(options, destination)
}
