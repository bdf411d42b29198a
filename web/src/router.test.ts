import { afterEach, describe, expect, it } from 'vitest'
import { session } from '@/composables/session'
import { guard } from './router'

const page = (name: string, fullPath: string, auth?: boolean) => ({
  name,
  fullPath,
  meta: auth === undefined ? {} : { auth },
})

afterEach(() => {
  session.registered = true
  session.user = null
})

describe('the navigation guard', () => {
  it('sends everyone to registration until the administrator exists', () => {
    session.registered = false
    expect(guard(page('dashboard', '/'))).toEqual({ name: 'register' })
    expect(guard(page('login', '/login', false))).toEqual({ name: 'register' })
    expect(guard(page('register', '/register', false))).toBe(true)
  })

  it('sends a visitor to sign in, remembering the page asked for', () => {
    expect(guard(page('detective', '/detective?sender=a%40b.c'))).toEqual({
      name: 'login',
      query: { redirect: '/detective?sender=a%40b.c' },
    })
    expect(guard(page('dashboard', '/'))).toEqual({ name: 'login' })
    expect(guard(page('register', '/register', false))).toEqual({ name: 'login' })
    expect(guard(page('public-detective', '/check', false))).toBe(true)
  })

  it('lets a signed-in user in, and past the sign-in page', () => {
    session.user = { name: 'Ada', email: 'ada@example.com', role: 'admin' }
    expect(guard(page('settings', '/settings'))).toBe(true)
    expect(guard(page('login', '/login', false))).toEqual({ name: 'dashboard' })
    expect(guard(page('public-detective', '/check', false))).toBe(true)
  })
})
