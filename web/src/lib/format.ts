/** Numbers, percentages, sizes and times in the browser's locale and time zone. */

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value)
}

/** Big counts in a tile: 12 345 stays exact below 100 000, then 123K / 1.2M. */
export function formatCount(value: number, locale: string): string {
  if (Math.abs(value) < 100_000) {
    return formatNumber(value, locale)
  }
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
}

/** A ratio (0.123) as a percentage: one decimal below 10 %, none above; "<0.1 %" for a tiny non-zero share. */
export function formatPercent(ratio: number, locale: string): string {
  if (!Number.isFinite(ratio)) {
    return '–'
  }
  if (ratio > 0 && ratio < 0.001) {
    return `<${new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(0.001)}`
  }
  const digits = Math.abs(ratio) < 0.1 ? 1 : 0
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(ratio)
}

/** `part / whole`, 0 when the whole is 0. */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}

export interface Change {
  /** Relative change (0.25 = +25 %); null when the previous period had none (no base to compare with). */
  relative: number | null
  trend: 'up' | 'down' | 'flat'
}

export function change(current: number, previous: number): Change {
  if (current === previous) {
    return { relative: 0, trend: 'flat' }
  }
  const trend = current > previous ? 'up' : 'down'
  return { relative: previous === 0 ? null : (current - previous) / previous, trend }
}

/** A signed percentage for a change: "+25 %", "−3.5 %". */
export function formatChange(relative: number, locale: string): string {
  const digits = Math.abs(relative) < 0.1 ? 1 : 0
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: digits,
  }).format(relative)
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value)
}

/** A duration in seconds as "1 h 5 min" / "42 s" (narrow units of the locale). */
export function formatDuration(seconds: number, locale: string): string {
  const s = Math.max(0, Math.round(seconds))
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value)
  if (s < 60) {
    return unit(s, 'second')
  }
  if (s < 3600) {
    const m = Math.floor(s / 60)
    const rest = s % 60
    return rest === 0 ? unit(m, 'minute') : `${unit(m, 'minute')} ${unit(rest, 'second')}`
  }
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`
}

/** "12 s ago", "3 min ago" in the locale's words. */
export function formatAgo(seconds: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) {
    return rtf.format(-s, 'second')
  }
  if (s < 3600) {
    return rtf.format(-Math.floor(s / 60), 'minute')
  }
  return rtf.format(-Math.floor(s / 3600), 'hour')
}

export function formatDateTime(value: string | Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(new Date(value))
}

export function formatDate(value: string | Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(value))
}

/** A chart axis label for a bucket: the hour for hourly buckets (with the day unless all are on one day), the day for daily ones. */
export function formatBucket(
  value: string | Date,
  granularity: 'hour' | 'day',
  locale: string,
  oneDay = false,
  timeZone?: string,
): string {
  const options: Intl.DateTimeFormatOptions =
    granularity === 'day'
      ? { month: 'short', day: 'numeric', timeZone }
      : oneDay
        ? { hour: '2-digit', minute: '2-digit', timeZone }
        : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }
  return new Intl.DateTimeFormat(locale, options).format(new Date(value))
}
