// Test support: what a recognizer is given for one body text, without digit windows.
import type { ScanInput } from './recognizer.js'
import { DEFAULT_SETTINGS } from './scan-settings.js'

/** The ScanInput of `text` as body text, with fresh memo and the default settings. */
export function scanInputOf(text: string): ScanInput {
  return { text, origin: 'body-text', windows: [], memo: new Map(), settings: DEFAULT_SETTINGS }
}
