/** Date ranges of the dashboard and the detective, in the browser's time zone; `to` is exclusive, as the API's. */

export const presets = ['today', 'yesterday', '7d', '30d', '90d', 'all'] as const
export type Preset = (typeof presets)[number]
export type Granularity = 'hour' | 'day'

export interface DateRange {
  from: Date
  to: Date
}

const hourMs = 3_600_000

/** The API refuses ranges over ten years; "all" asks for the longest it takes. */
export const allYears = 10

export function startOfDay(date: Date): Date {
  const d = new Date(date)
  d.setHours(0, 0, 0, 0)
  return d
}

/** Adds calendar days (a day across a DST change is 23 or 25 hours, midnight stays midnight). */
export function addDays(date: Date, days: number): Date {
  const d = new Date(date)
  d.setDate(d.getDate() + days)
  return d
}

/** The start of the next whole hour (the hour now is counted in full, as the API counts whole hours). */
export function ceilHour(date: Date): Date {
  const d = new Date(date)
  if (d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0) {
    return d
  }
  d.setMinutes(0, 0, 0)
  return new Date(d.getTime() + hourMs)
}

export function isPreset(value: unknown): value is Preset {
  return typeof value === 'string' && (presets as readonly string[]).includes(value)
}

export function presetRange(preset: Preset, now: Date): DateRange {
  const today = startOfDay(now)
  const end = ceilHour(now)
  switch (preset) {
    case 'today':
      return { from: today, to: end }
    case 'yesterday':
      return { from: addDays(today, -1), to: today }
    case '7d':
      return { from: addDays(today, -6), to: end }
    case '30d':
      return { from: addDays(today, -29), to: end }
    case '90d':
      return { from: addDays(today, -89), to: end }
    case 'all': {
      const from = addDays(today, 1)
      from.setFullYear(from.getFullYear() - allYears)
      return { from, to: end }
    }
  }
}

/** A custom range of whole days, both inclusive, as `yyyy-mm-dd` in the browser's time zone; null when malformed or reversed. */
export function dayRange(first: string, last: string): DateRange | null {
  const from = parseDay(first)
  const through = parseDay(last)
  if (!from || !through || through < from) {
    return null
  }
  return { from, to: addDays(through, 1) }
}

/** `yyyy-mm-dd` → local midnight of that day; null when it is not a real date. */
export function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) {
    return null
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(year, month - 1, day)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return null
  }
  return date
}

/** Local date → `yyyy-mm-dd`. */
export function formatDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The period of the same length just before, for "change against the previous period"; null for "all" (nothing before it). */
export function previousRange(range: DateRange, preset: Preset | 'custom'): DateRange | null {
  if (preset === 'all') {
    return null
  }
  const length = range.to.getTime() - range.from.getTime()
  return { from: new Date(range.from.getTime() - length), to: new Date(range.from) }
}

/** Hourly buckets up to three days, daily beyond. */
export function granularityFor(range: DateRange): Granularity {
  return range.to.getTime() - range.from.getTime() <= 72 * hourMs ? 'hour' : 'day'
}

export function toIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The `days` days that end with `lastDay` (inclusive), for a dashboard opened on data that stopped a while ago. */
export function daysEndingAt(lastDay: Date, days: number): DateRange {
  const end = addDays(startOfDay(lastDay), 1)
  return { from: addDays(end, -days), to: end }
}
