export { inspectContent } from './content.js'
export { createWorkerInspector, createInProcessInspector, InspectionTimeout } from './pool.js'
export type { Inspector } from './pool.js'
export type { ContentDetectOptions, ContentLimits, ContentReport, StageTimings } from './types.js'
