// Unusual hour: mail going out at a time of the week when this sender (or, before warm-up, the
// organisation) hardly ever sends.
import { describeHourOfWeek, isWeekend } from './hour-of-week.js'
import type { SendView } from './send-view.js'
import type { BehaviorSignal } from './types.js'

/** A window holding less than this share of the sender's mail is unusual. */
const RARE_SHARE = 0.02

/** Weight of the organisation's pattern when smoothing a sender's, in sends. */
const PRIOR_SENDS = 10

/** Organisation history below this many sends is replaced by configured working hours. */
const ORG_MIN_SENDS = 200

/**
 * The share of the sender's sends within an hour either side of this hour on the same kind of
 * day (weekday or weekend), smoothed towards the organisation's pattern.
 */
export function hourShare(view: SendView): number {
  const prior = windowShare(orgHours(view), view.hourOfWeek)
  const hours = view.sender?.hours
  const sends = view.sender?.sends ?? 0
  if (hours === undefined || sends === 0) return prior

  const own = windowShare(hours, view.hourOfWeek) * sends
  return (own + PRIOR_SENDS * prior) / (sends + PRIOR_SENDS)
}

export function unusualHourSignals(view: SendView, share: number): BehaviorSignal[] {
  if (share >= RARE_SHARE) return []

  const who = view.isWarm ? 'you' : 'people in the organisation'
  const percent = share < 0.01 ? 'under 1%' : `${Math.round(share * 100)}%`
  return [
    {
      code: 'unusual-hour',
      text: `${who} rarely send mail on ${describeHourOfWeek(view.hourOfWeek)} (${percent} of it)`,
      recipients: [],
    },
  ]
}

function windowShare(hours: readonly number[], how: number): number {
  let total = 0
  let inWindow = 0
  const weekend = isWeekend(how)
  const hourOfDay = how % 24
  for (let bin = 0; bin < 168; bin++) {
    const count = hours[bin] ?? 0
    total += count
    if (isWeekend(bin) !== weekend) continue

    const gap = Math.abs((bin % 24) - hourOfDay)
    if (Math.min(gap, 24 - gap) <= 1) inWindow += count
  }
  return total === 0 ? 0 : inWindow / total
}

/** The organisation's hours, or configured working hours (90% of mail) while it has no history. */
function orgHours(view: SendView): readonly number[] {
  if (view.org.sends >= ORG_MIN_SENDS) return view.org.hours

  const { start, end } = view.settings.workingHours
  const working = Math.max(1, (end - start) * 5)
  return Array.from({ length: 168 }, (_, bin) => {
    const hour = bin % 24
    const isWorking = !isWeekend(bin) && hour >= start && hour < end
    return isWorking ? 0.9 / working : 0.1 / (168 - working)
  })
}
