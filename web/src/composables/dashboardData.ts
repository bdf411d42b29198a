import { ref, shallowRef } from 'vue'
import { client, num, unwrap, type Schemas } from '@/api/client'
import type { Direction } from '@/lib/dashboardQuery'
import { allYears, granularityFor, toIso, addDays, startOfDay, type DateRange, type Granularity } from '@/lib/ranges'

export type Counts = Record<
  'sent' | 'bounced' | 'deferred' | 'expired' | 'discarded' | 'returned' | 'rejected' | 'deferral_attempts',
  number
>

export function counts(view: Schemas['StatusView']): Counts {
  return {
    sent: num(view.sent),
    bounced: num(view.bounced),
    deferred: num(view.deferred),
    expired: num(view.expired),
    discarded: num(view.discarded),
    returned: num(view.returned),
    rejected: num(view.rejected),
    deferral_attempts: num(view.deferral_attempts),
  }
}

export const topTabs = [
  'recipient-domains',
  'provider-groups',
  'senders',
  'bounced-domains',
  'deferred-domains',
] as const
export type TopTab = (typeof topTabs)[number]

function topRequest(tab: TopTab): { kind: string; status: string } {
  switch (tab) {
    case 'recipient-domains':
      return { kind: 'recipient-domains', status: 'any' }
    case 'provider-groups':
      return { kind: 'provider-groups', status: 'any' }
    case 'senders':
      return { kind: 'senders', status: 'any' }
    case 'bounced-domains':
      return { kind: 'recipient-domains', status: 'bounced' }
    case 'deferred-domains':
      return { kind: 'recipient-domains', status: 'deferred' }
  }
}

export interface DashboardData {
  range: DateRange
  /** What the charts cover: the range, or for "all" only the days that have mail. */
  chartRange: DateRange
  granularity: Granularity
  current: Counts
  previous: Counts | null
  series: Schemas['TimeseriesView']
  top: Record<TopTab, Schemas['RankedView'][]>
  reasons: Record<'bounced' | 'deferred' | 'rejected', Schemas['ReasonView'][]>
  logins: Schemas['LoginsView']
}

const span = (r: DateRange) => ({ from: toIso(r.from), to: toIso(r.to) })

/** Everything the dashboard shows for a range and direction, fetched at once (13 small requests in parallel). */
export async function fetchDashboard(
  range: DateRange,
  previous: DateRange | null,
  direction: Direction,
  trimToData = false,
): Promise<DashboardData> {
  let granularity = granularityFor(range)
  const q = span(range)
  const status = (r: DateRange) =>
    unwrap(client.GET('/api/v1/dashboard/status', { params: { query: { ...span(r), direction } } }))
  const top = (tab: TopTab) =>
    unwrap(
      client.GET('/api/v1/dashboard/top', { params: { query: { ...q, ...topRequest(tab), direction, limit: 10 } } }),
    ).then((v) => v.items)
  const reasons = (s: 'bounced' | 'deferred' | 'rejected') =>
    unwrap(client.GET('/api/v1/dashboard/reasons', { params: { query: { ...q, status: s, limit: 5 } } })).then(
      (v) => v.reasons,
    )
  const timeseries = (r: DateRange, g: Granularity) =>
    unwrap(client.GET('/api/v1/dashboard/timeseries', { params: { query: { ...span(r), granularity: g, direction } } }))
  const loginSeries = (r: DateRange, g: Granularity) =>
    unwrap(client.GET('/api/v1/dashboard/logins', { params: { query: { ...span(r), granularity: g, limit: 5 } } }))
  const [current, before, firstSeries, t1, t2, t3, t4, t5, rb, rd, rr, firstLogins] = await Promise.all([
    status(range),
    previous ? status(previous) : Promise.resolve(null),
    timeseries(range, granularity),
    top('recipient-domains'),
    top('provider-groups'),
    top('senders'),
    top('bounced-domains'),
    top('deferred-domains'),
    reasons('bounced'),
    reasons('deferred'),
    reasons('rejected'),
    loginSeries(range, granularity),
  ])
  let series = firstSeries
  let logins = firstLogins
  let chartRange = range
  const spanned = trimToData ? dataSpan(series, logins) : null
  if (spanned) {
    // "All" asks for ten years: the charts show the days with mail, by the hour when they are few.
    chartRange = spanned
    granularity = granularityFor(spanned)
    ;[series, logins] = await Promise.all([timeseries(spanned, granularity), loginSeries(spanned, granularity)])
  }
  return {
    range,
    chartRange,
    granularity,
    current: counts(current),
    previous: before ? counts(before) : null,
    series,
    top: { 'recipient-domains': t1, 'provider-groups': t2, senders: t3, 'bounced-domains': t4, 'deferred-domains': t5 },
    reasons: { bounced: rb, deferred: rd, rejected: rr },
    logins,
  }
}

const seriesKeys = ['sent', 'bounced', 'deferred', 'expired', 'discarded', 'rejected'] as const

/** The daily buckets from the first to the last with anything in them (mail or logins); null when all are empty. */
export function dataSpan(series: Schemas['TimeseriesView'], logins: Schemas['LoginsView']): DateRange | null {
  const busy = (i: number) =>
    seriesKeys.some((k) => num(series[k][i]) > 0) ||
    num(logins.buckets[i]?.successes) + num(logins.buckets[i]?.failures) > 0
  let first = -1
  let last = -1
  for (let i = 0; i < series.times.length; i++) {
    if (busy(i)) {
      if (first < 0) first = i
      last = i
    }
  }
  const start = series.times[first]
  const end = series.times[last]
  if (first < 0 || !start || !end) return null
  const step = series.granularity === 'hour' ? 3_600_000 : 86_400_000
  return { from: new Date(start), to: new Date(new Date(end).getTime() + step) }
}

/**
 * The last day with mail, when there was none in the last `days` days (a workspace of old logs, or a server that
 * stopped sending): the dashboard then opens on the days that have data instead of on zeros. Null when the recent
 * days have mail, or when there is no mail at all.
 */
export async function lastDayWithMail(now: Date, days: number): Promise<Date | null> {
  const recentFrom = addDays(startOfDay(now), -(days - 1))
  const end = addDays(startOfDay(now), 1)
  const from = addDays(end, 1)
  from.setFullYear(from.getFullYear() - allYears)
  const series = await unwrap(
    client.GET('/api/v1/dashboard/timeseries', {
      params: { query: { from: toIso(from), to: toIso(end), granularity: 'day', direction: 'all' } },
    }),
  )
  const keys = ['sent', 'bounced', 'deferred', 'expired', 'discarded', 'rejected'] as const
  for (let i = series.times.length - 1; i >= 0; i--) {
    const total = keys.reduce((sum, k) => sum + num(series[k][i]), 0)
    if (total > 0) {
      // Day buckets are UTC days: the same calendar day here.
      const utc = new Date(series.times[i] ?? '')
      const day = new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate())
      return day >= recentFrom ? null : day
    }
  }
  return null
}

export function useNow(intervalMs = 1000) {
  const now = ref(Date.now())
  const timer = shallowRef<ReturnType<typeof setInterval> | null>(null)
  const start = () => {
    timer.value ??= setInterval(() => (now.value = Date.now()), intervalMs)
  }
  const stop = () => {
    if (timer.value) clearInterval(timer.value)
    timer.value = null
  }
  return { now, start, stop }
}
