// How often something happens, in words a sender reads: "every week", "3 times since May 2001".
import type { RecipientHabit } from '../store/baseline-types.js'

const WEEK_MS = 7 * 24 * 3600 * 1000

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/**
 * @example
 * describeFrequency({ count: 12, firstSeen: tenWeeksAgo }, now) // 'every week'
 */
export function describeFrequency(
  habit: Pick<RecipientHabit, 'count' | 'firstSeen'>,
  now: Date,
): string {
  const weeks = Math.max(1, (now.getTime() - habit.firstSeen) / WEEK_MS)
  const perWeek = habit.count / weeks
  if (habit.count >= 4 && weeks >= 2) {
    if (perWeek >= 2.5) return 'several times a week'
    if (perWeek >= 0.8) return 'every week'
    if (perWeek >= 0.4) return 'every couple of weeks'
    if (perWeek >= 0.2) return 'about once a month'
  }
  const since = new Date(habit.firstSeen)
  const times = habit.count === 1 ? 'once' : `${habit.count} times`
  return `${times} since ${MONTHS[since.getUTCMonth()] ?? ''} ${since.getUTCFullYear()}`
}

/** "2.4 MB", "830 kB". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1000))} kB`
}
