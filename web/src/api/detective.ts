import { client, unwrap, type Schemas } from './client'
import type { SearchParams } from '@/lib/search'

/**
 * One answer of `GET /api/v1/detective/search`. The OpenAPI document gives no schema for it (the endpoint answers
 * JSON or CSV), so it is written here from its parts, which the document does describe.
 */
export interface SearchResult {
  kind: 'message' | 'reject'
  time: string
  message: Schemas['MessageView'] | null
  reject: Schemas['RejectView'] | null
}

export interface SearchPage {
  results: SearchResult[]
  total: number
  total_is_exact: boolean
  next_cursor: string | null
}

function isSearchPage(value: unknown): value is SearchPage {
  return typeof value === 'object' && value !== null && Array.isArray((value as { results?: unknown }).results)
}

export async function search(params: SearchParams, cursor: string | null, limit = 25): Promise<SearchPage> {
  const data: unknown = await unwrap(
    client.GET('/api/v1/detective/search', {
      params: { query: { ...params, limit, ...(cursor ? { cursor } : {}) } },
      parseAs: 'json',
    }),
  )
  if (!isSearchPage(data)) {
    throw new Error('unexpected answer from /api/v1/detective/search')
  }
  return data
}

/** The URL of the same search as CSV (admins): a plain link, so the browser streams it to a file. */
export function csvUrl(params: SearchParams): string {
  const query = new URLSearchParams({ ...(params as Record<string, string>), format: 'csv' })
  return `/api/v1/detective/search?${query.toString()}`
}

export const messageDetail = (id: string) => unwrap(client.GET('/api/v1/messages/{id}', { params: { path: { id } } }))

export const messageLog = (id: string) => unwrap(client.GET('/api/v1/messages/{id}/log', { params: { path: { id } } }))
