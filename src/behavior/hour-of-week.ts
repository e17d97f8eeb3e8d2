// Hours of the week in a configured time zone: 0 is Monday 00:00–00:59, 167 Sunday 23:00.

const formatters = new Map<string, Intl.DateTimeFormat>()

const WEEKDAYS: Readonly<Record<string, number>> = {
  Mon: 0,
  Tue: 1,
  Wed: 2,
  Thu: 3,
  Fri: 4,
  Sat: 5,
  Sun: 6,
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/**
 * The hour of the week of `at` in `timeZone`.
 *
 * @example
 * hourOfWeek(new Date('2024-01-01T09:30:00Z'), 'UTC') // 9 (Monday 09:00)
 */
export function hourOfWeek(at: Date, timeZone: string): number {
  let format = formatters.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, format)
  }

  let day = 0
  let hour = 0
  for (const part of format.formatToParts(at)) {
    if (part.type === 'weekday') day = WEEKDAYS[part.value] ?? 0
    if (part.type === 'hour') hour = Number(part.value) % 24
  }
  return day * 24 + hour
}

/** "Sunday around 03:00". */
export function describeHourOfWeek(how: number): string {
  const day = DAY_NAMES[Math.floor(how / 24)] ?? 'Monday'
  return `${day} around ${String(how % 24).padStart(2, '0')}:00`
}

export function isWeekend(how: number): boolean {
  return how >= 5 * 24
}
