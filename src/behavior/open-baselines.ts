// One baseline store per data folder for the life of the process, opened on first use.
import { resolve } from 'node:path'
import { openBaselineStore } from '../store/baseline-sqlite.js'
import type { BaselineStore } from '../store/baseline-types.js'
import type { BehaviorSettings } from './types.js'

const stores = new Map<string, BaselineStore>()

/**
 * The baseline store of `dataDir`, or undefined when behaviour is switched off.
 *
 * TODO: The store is opened here on first use and closed only when the process exits, because
 * start-relay.ts does not own it yet; a relay stopped and started again in one process keeps
 * using the same open store, which is harmless but not tidy.
 */
export function baselinesFor(
  dataDir: string,
  settings: BehaviorSettings,
): BaselineStore | undefined {
  if (!settings.enabled) return undefined

  const path = resolve(dataDir)
  let store = stores.get(path)
  if (store === undefined) {
    store = openBaselineStore(path, { cacheSenders: settings.cacheSenders })
    stores.set(path, store)
  }
  return store
}
