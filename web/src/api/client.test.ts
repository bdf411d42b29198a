import { afterEach, describe, expect, it, vi } from 'vitest'
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, csrfMiddleware, num, setClientHooks, toApiError, unwrap } from './client'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  })
}

function testClient(fetchImpl: (request: Request) => Promise<Response>) {
  const c = createClient<paths>({ baseUrl: 'http://postmeter.test', fetch: fetchImpl })
  c.use(csrfMiddleware)
  return c
}

afterEach(() => {
  setClientHooks({ csrfToken: () => Promise.resolve(''), onUnauthorized: () => undefined })
})

describe('toApiError', () => {
  it('keeps the server message and the fields of a 422', () => {
    const e = toApiError(422, {
      title: 'Invalid fields',
      status: 422,
      detail: 'password: too weak',
      errors: { password: ['password: too weak (strength 0 of 4)'] },
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.message).toBe('password: too weak')
    expect(e.fieldMessage('password')).toBe('too weak (strength 0 of 4)')
    expect(e.fieldMessage('email')).toBeNull()
  })

  it('reads Retry-After and copes with a body that is not a problem', () => {
    expect(toApiError(429, null, '60').retryAfter).toBe(60)
    const e = toApiError(502, 'Bad gateway')
    expect(e.title).toBe('HTTP 502')
    expect(e.message).toBe('Bad gateway')
  })
})

describe('the API client', () => {
  it('sends the CSRF token on a POST and not on a GET', async () => {
    setClientHooks({ csrfToken: () => Promise.resolve('tok-1'), onUnauthorized: () => undefined })
    const seen: (string | null)[] = []
    const c = testClient((request) => {
      seen.push(request.headers.get('X-CSRF-Token'))
      return Promise.resolve(jsonResponse(200, { registered: true, multiple_users: false }))
    })
    await c.GET('/api/v1/auth/status')
    await c.POST('/api/v1/auth/logout')
    expect(seen).toEqual([null, 'tok-1'])
  })

  it('turns a problem into an ApiError with the server message', async () => {
    const c = testClient(() =>
      Promise.resolve(
        jsonResponse(422, { title: 'Invalid fields', status: 422, detail: 'to: the range is longer than ten years' }),
      ),
    )
    const call = unwrap(c.GET('/api/v1/dashboard/status', { params: { query: { from: 'a', to: 'b' } } }))
    await expect(call).rejects.toMatchObject({ status: 422, message: 'to: the range is longer than ten years' })
  })

  it('calls onUnauthorized on a 401 outside the sign-in endpoints only', async () => {
    const onUnauthorized = vi.fn()
    setClientHooks({ csrfToken: () => Promise.resolve('t'), onUnauthorized })
    const c = testClient(() => Promise.resolve(jsonResponse(401, { title: 'Unauthorized', status: 401 })))
    await expect(unwrap(c.GET('/api/v1/import/progress'))).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    await expect(
      unwrap(c.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } })),
    ).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('reports a network failure as status 0', async () => {
    const c = testClient(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(unwrap(c.GET('/api/v1/auth/status'))).rejects.toMatchObject({ status: 0, message: 'Failed to fetch' })
  })

  it('reads counts sent as strings', () => {
    expect(num('42')).toBe(42)
    expect(num(7)).toBe(7)
    expect(num(null)).toBe(0)
  })
})
