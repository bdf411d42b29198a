import { client, unwrap, type Schemas } from './client'
import type { SearchParams } from '@/lib/search'

/** One answer of `GET /api/v1/detective/search`: a message or a reject. */
export type SearchResult = Schemas['ResultView']

export type SearchPage = Schemas['SearchView']

export const search = (params: SearchParams, cursor: string | null, limit = 25): Promise<SearchPage> =>
  unwrap(
    client.GET('/api/v1/detective/search', {
      params: { query: { ...params, limit, ...(cursor ? { cursor } : {}) } },
    }),
  )

/** The URL of the same search as CSV (admins): a plain link, so the browser streams it to a file. */
export function csvUrl(params: SearchParams): string {
  const query = new URLSearchParams({ ...(params as Record<string, string>), format: 'csv' })
  return `/api/v1/detective/search?${query.toString()}`
}

export const messageDetail = (id: string) => unwrap(client.GET('/api/v1/messages/{id}', { params: { path: { id } } }))

export const messageLog = (id: string) => unwrap(client.GET('/api/v1/messages/{id}/log', { params: { path: { id } } }))
