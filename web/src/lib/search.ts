/** The Message Detective's search form ↔ the URL query (a link shows the same result) ↔ the API's parameters. */
import { addDays, parseDay, toIso } from './ranges'

export const statuses = [
  'any',
  'sent',
  'bounced',
  'deferred',
  'expired',
  'discarded',
  'returned',
  'rejected',
  'queued',
] as const
export type SearchStatus = (typeof statuses)[number]

export const directions = ['all', 'outbound', 'inbound', 'local'] as const
export type SearchDirection = (typeof directions)[number]

export interface SearchForm {
  sender: string
  recipient: string
  id: string
  status: SearchStatus
  direction: SearchDirection
  /** A provider group of the dashboard (google, microsoft, other…), or empty. */
  provider: string
  /** The client address that sent the mail, or empty. */
  client: string
  /** The SASL username that submitted the mail, or empty. */
  saslUsername: string
  /** First day, `yyyy-mm-dd` in the browser's time zone, or empty. */
  from: string
  /** Last day (inclusive), `yyyy-mm-dd`, or empty. */
  to: string
}

export type QueryValue = string | null | (string | null)[] | undefined
export type Query = Record<string, QueryValue>

export function emptyForm(): SearchForm {
  return {
    sender: '',
    recipient: '',
    id: '',
    status: 'any',
    direction: 'all',
    provider: '',
    client: '',
    saslUsername: '',
    from: '',
    to: '',
  }
}

function first(value: QueryValue): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v.trim() : ''
}

export function formFromQuery(query: Query): SearchForm {
  const status = first(query.status)
  const direction = first(query.direction)
  return {
    sender: first(query.sender),
    recipient: first(query.recipient),
    id: first(query.id),
    status: (statuses as readonly string[]).includes(status) ? (status as SearchStatus) : 'any',
    direction: (directions as readonly string[]).includes(direction) ? (direction as SearchDirection) : 'all',
    provider: first(query.provider).toLowerCase(),
    client: first(query.client),
    saslUsername: first(query.sasl_username),
    from: parseDay(first(query.from)) ? first(query.from) : '',
    to: parseDay(first(query.to)) ? first(query.to) : '',
  }
}

/** Only what is set, trimmed, so that links stay short and equal searches have equal URLs. */
export function queryFromForm(form: SearchForm): Record<string, string> {
  const query: Record<string, string> = {}
  const put = (key: string, value: string) => {
    const v = value.trim()
    if (v !== '') {
      query[key] = v
    }
  }
  put('sender', form.sender)
  put('recipient', form.recipient)
  put('id', form.id)
  if (form.status !== 'any') {
    query.status = form.status
  }
  if (form.direction !== 'all') {
    query.direction = form.direction
  }
  put('provider', form.provider.toLowerCase())
  put('client', form.client)
  put('sasl_username', form.saslUsername)
  put('from', form.from)
  put('to', form.to)
  return query
}

/** A search needs at least one term or a status; a bare range lists everything in it, which is a search too. */
export function hasTerms(form: SearchForm): boolean {
  return Object.keys(queryFromForm(form)).length > 0
}

export interface SearchParams {
  sender?: string
  recipient?: string
  id?: string
  status?: SearchStatus
  direction?: Exclude<SearchDirection, 'all'>
  provider?: string
  client?: string
  sasl_username?: string
  from?: string
  to?: string
}

/** The API's parameters: days become instants (`to` the midnight after the last day, exclusive). */
export function paramsFromForm(form: SearchForm): SearchParams {
  const params: SearchParams = {}
  const q = queryFromForm(form)
  if (q.sender) params.sender = q.sender
  if (q.recipient) params.recipient = q.recipient
  if (q.id) params.id = q.id
  if (form.status !== 'any') params.status = form.status
  if (form.direction !== 'all') params.direction = form.direction
  if (q.provider) params.provider = q.provider
  if (q.client) params.client = q.client
  if (q.sasl_username) params.sasl_username = q.sasl_username
  const from = q.from ? parseDay(q.from) : null
  const to = q.to ? parseDay(q.to) : null
  if (from) params.from = toIso(from)
  if (to) params.to = toIso(addDays(to, 1))
  return params
}

/** Whether a filter beyond the usual ones (direction, provider group, client, SASL username) is set. */
export function hasMoreFilters(form: SearchForm): boolean {
  return (
    form.direction !== 'all' ||
    form.provider.trim() !== '' ||
    form.client.trim() !== '' ||
    form.saslUsername.trim() !== ''
  )
}

/** Whether the form's days are in order (the API refuses `from` after `to`). */
export function rangeProblem(form: SearchForm): 'reversed' | null {
  const from = parseDay(form.from)
  const to = parseDay(form.to)
  return from && to && to < from ? 'reversed' : null
}
