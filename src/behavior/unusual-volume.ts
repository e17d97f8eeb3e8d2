// Unusual volume: far more attachment bytes or sensitive values than this sender usually sends.
import type { VolumeStat } from '../store/baseline-types.js'
import { describeBytes } from './habit-words.js'
import type { SendView } from './send-view.js'
import type { BehaviorSignal } from './types.js'

/**
 * Floors below which no volume is unusual, whatever the habit: a 2 MB attachment or ten
 * sensitive values is ordinary mail for someone, and a sender who never attaches anything
 * would otherwise be flagged for the first small file.
 */
const FLOORS = { attachmentBytes: 2_000_000, findings: 10 } as const

/** Standard deviations above the habit (in log space) that count as unusual. */
const MIN_SCORE = 3

/** Least spread assumed, so a sender who always sends the same size is not flagged for +10%. */
const MIN_SPREAD = 0.75

export interface VolumeScores {
  readonly attachmentBytes: number
  readonly findings: number
}

/** Standard scores of this send's volumes against the sender's habit, or the organisation's. */
export function volumeScores(view: SendView): VolumeScores {
  return {
    attachmentBytes: score(view, 'attachmentBytes', view.attachments.bytes),
    findings: score(view, 'findings', view.findings),
  }
}

export function unusualVolumeSignals(view: SendView, scores: VolumeScores): BehaviorSignal[] {
  const parts: string[] = []
  const habit = habitOf(view)

  const bytes = view.attachments.bytes
  if (bytes >= FLOORS.attachmentBytes && scores.attachmentBytes >= MIN_SCORE) {
    const usual = habit.stats.attachmentBytes.max
    if (bytes > 2 * usual) {
      const most = usual === 0 ? 'no attachments' : `at most ${describeBytes(usual)}`
      parts.push(`this send carries ${describeBytes(bytes)} of attachments; ${habit.who} ${most}`)
    }
  }
  if (view.findings >= FLOORS.findings && scores.findings >= MIN_SCORE) {
    const usual = habit.stats.findings.max
    if (view.findings > 2 * usual) {
      const most = usual === 0 ? 'none' : `at most ${usual}`
      parts.push(`this send carries ${view.findings} sensitive values; ${habit.who} ${most}`)
    }
  }
  if (parts.length === 0) return []
  return [{ code: 'unusual-volume', text: parts.join('; '), recipients: [] }]
}

function habitOf(view: SendView) {
  if (view.isWarm && view.sender !== undefined) {
    return { stats: view.sender.volumes, sends: view.sender.sends, who: 'you usually send' }
  }
  return { stats: view.org.volumes, sends: view.org.sends, who: 'people here usually send' }
}

function score(view: SendView, key: keyof VolumeScores, value: number): number {
  const habit = habitOf(view)
  if (habit.sends < 5) return 0

  const stat: VolumeStat = habit.stats[key]
  const mean = stat.sum / habit.sends
  const variance = Math.max(0, stat.sumSq / habit.sends - mean * mean)
  const spread = Math.max(MIN_SPREAD, Math.sqrt(variance))
  return (Math.log1p(value) - mean) / spread
}
