// Where the read-only shared material lives: beside the repository (as in CI), or MAILWARD_SHARED.
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export const SHARED_DIR =
  process.env.MAILWARD_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url))

export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts)
