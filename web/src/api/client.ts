import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

export type Schemas = components['schemas']

/** An RFC 9457 problem the server answered with, or a failure to reach it, carrying the server's own message. */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string | null
  /** Field name → messages, from a 422's `errors`. */
  readonly fields: Record<string, string[]>
  /** Seconds, from a 429's Retry-After. */
  readonly retryAfter: number | null

  constructor(
    status: number,
    title: string,
    detail: string | null,
    fields: Record<string, string[]> = {},
    retryAfter: number | null = null,
  ) {
    super(detail ?? title)
    this.name = 'ApiError'
    this.status = status
    this.title = title
    this.detail = detail
    this.fields = fields
    this.retryAfter = retryAfter
  }

  /** The message for one field of a 422, without the field-name prefix the server puts in front. */
  fieldMessage(field: string): string | null {
    const messages = this.fields[field]
    if (!messages || messages.length === 0) {
      return null
    }
    return messages.map((m) => (m.startsWith(`${field}: `) ? m.slice(field.length + 2) : m)).join(' ')
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Turns an error answer (a problem document, or anything else) into an ApiError. */
export function toApiError(status: number, body: unknown, retryAfterHeader: string | null = null): ApiError {
  const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null
  if (!isRecord(body)) {
    const text = typeof body === 'string' && body.trim() !== '' ? body.trim() : null
    return new ApiError(status, `HTTP ${status}`, text, {}, retryAfter)
  }
  const title = typeof body.title === 'string' ? body.title : `HTTP ${status}`
  const detail = typeof body.detail === 'string' ? body.detail : null
  const fields: Record<string, string[]> = {}
  if (isRecord(body.errors)) {
    for (const [key, value] of Object.entries(body.errors)) {
      if (Array.isArray(value)) {
        fields[key] = value.filter((v): v is string => typeof v === 'string')
      }
    }
  }
  return new ApiError(status, title, detail, fields, retryAfter)
}

/** What the client needs from the rest of the app: where the CSRF token is, and what to do when the session ended. */
export interface ClientHooks {
  csrfToken(): Promise<string>
  onUnauthorized(): void
}

let hooks: ClientHooks | null = null

export function setClientHooks(value: ClientHooks): void {
  hooks = value
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export const csrfMiddleware: Middleware = {
  async onRequest({ request }) {
    if (!safeMethods.has(request.method.toUpperCase()) && hooks) {
      request.headers.set('X-CSRF-Token', await hooks.csrfToken())
    }
    return request
  },
  onResponse({ response, schemaPath }) {
    // A 401 anywhere but the sign-in endpoints means the session ended (expired, signed out elsewhere).
    if (response.status === 401 && hooks && !schemaPath.startsWith('/api/v1/auth/')) {
      hooks.onUnauthorized()
    }
    return response
  },
}

export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
client.use(csrfMiddleware)

interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/** The data of an openapi-fetch call, or an ApiError with the server's message; a network failure is an ApiError with status 0. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>
  try {
    result = await call
  } catch (e) {
    throw new ApiError(0, 'Network error', e instanceof Error ? e.message : String(e))
  }
  const { data, error, response } = result
  if (!response.ok) {
    throw toApiError(response.status, error, response.headers.get('Retry-After'))
  }
  return data as T
}

/** The API sends 64-bit counts as JSON numbers, but the document allows strings too: make them numbers. */
export function num(value: number | string | null | undefined): number {
  if (value === null || value === undefined) {
    return 0
  }
  return typeof value === 'number' ? value : Number(value)
}
