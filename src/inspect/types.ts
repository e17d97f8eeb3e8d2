// What inspecting a message's content yields: parsed headers, findings and a report per part.
import type { HeadersOfInterest } from '../mime/types.js'
import type { Finding } from '../detect/types.js'
import type { PartReport, ExtractLimits, SensitivityLabel } from '../extract/types.js'

export interface ContentLimits {
  readonly maxMessageDepth: number
  readonly extract: ExtractLimits
  /** Deployment choices for the detect stage (config `detect`); unset: its defaults. */
  readonly detect?: ContentDetectOptions | undefined
}

export interface ContentDetectOptions {
  /** Regions for phone numbers without a country code (config `detect.phoneRegions`). */
  readonly phoneRegions?: readonly string[] | undefined
}

export interface StageTimings {
  readonly parseMs: number
  readonly extractMs: number
  readonly detectMs: number
}

export interface ContentReport {
  readonly headers: HeadersOfInterest
  readonly findings: readonly Finding[]
  readonly parts: readonly PartReport[]
  /** Purview sensitivity labels: the msip_labels header's and those inside files. */
  readonly labels?: readonly SensitivityLabel[]
  readonly timings: StageTimings
}
