/** The dashboard's choices ↔ the URL (so a dashboard link shows the same view), and the detective links it makes. */
import { dayRange, formatDay, isPreset, presetRange, type DateRange, type Preset } from './ranges'
import { queryFromForm, emptyForm, type Query, type SearchDirection, type SearchStatus } from './search'

export const directions = ['outbound', 'inbound', 'all'] as const
export type Direction = (typeof directions)[number]

export interface DashboardView {
  preset: Preset | 'custom'
  /** First and last day of a custom range, `yyyy-mm-dd`. */
  first: string
  last: string
  direction: Direction
}

function one(value: Query[string]): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

/** The view a URL asks for; null when it asks for none (the dashboard picks a sensible range itself). */
export function viewFromQuery(query: Query): DashboardView | null {
  const direction = one(query.direction)
  const dir: Direction = (directions as readonly string[]).includes(direction) ? (direction as Direction) : 'outbound'
  const range = one(query.range)
  if (isPreset(range)) {
    return { preset: range, first: '', last: '', direction: dir }
  }
  const first = one(query.from)
  const last = one(query.to)
  if (dayRange(first, last)) {
    return { preset: 'custom', first, last, direction: dir }
  }
  return dir === direction ? { preset: '7d', first: '', last: '', direction: dir } : null
}

export function queryFromView(view: DashboardView): Record<string, string> {
  const query: Record<string, string> =
    view.preset === 'custom' ? { from: view.first, to: view.last } : { range: view.preset }
  if (view.direction !== 'outbound') {
    query.direction = view.direction
  }
  return query
}

export function rangeOfView(view: DashboardView, now: Date): DateRange {
  if (view.preset === 'custom') {
    return dayRange(view.first, view.last) ?? presetRange('7d', now)
  }
  return presetRange(view.preset, now)
}

/** The days a range covers, for the detective's day fields: `to` is exclusive, so the last day is the one before it. */
export function rangeDays(range: DateRange): { from: string; to: string } {
  return { from: formatDay(range.from), to: formatDay(new Date(range.to.getTime() - 1)) }
}

export interface DetectiveFilter {
  status?: SearchStatus
  sender?: string
  recipient?: string
  provider?: string
  client?: string
  saslUsername?: string
  /** The dashboard's direction ('all' when the figure counts every direction). */
  direction?: SearchDirection
}

/** The detective's URL query for what a tile, bar, slice or row shows. */
export function detectiveQuery(filter: DetectiveFilter, range: DateRange): Record<string, string> {
  const days = rangeDays(range)
  return queryFromForm({
    ...emptyForm(),
    sender: filter.sender ?? '',
    recipient: filter.recipient ?? '',
    status: filter.status ?? 'any',
    direction: filter.direction ?? 'all',
    provider: filter.provider ?? '',
    client: filter.client ?? '',
    saslUsername: filter.saslUsername ?? '',
    from: days.from,
    to: days.to,
  })
}
