import { describe, expect, it } from 'vitest'
import {
  emptyForm,
  formFromQuery,
  hasMoreFilters,
  hasTerms,
  paramsFromForm,
  queryFromForm,
  rangeProblem,
} from './search'

describe('detective search ↔ URL query', () => {
  it('round-trips a full search', () => {
    const form = {
      sender: 'heidi@example.net',
      recipient: '@gmail.com',
      id: '92EB0F02AA',
      status: 'bounced' as const,
      direction: 'outbound' as const,
      provider: 'google',
      client: '192.0.2.7',
      saslUsername: 'alice@example.net',
      from: '2026-11-01',
      to: '2026-11-21',
    }
    expect(formFromQuery(queryFromForm(form))).toEqual(form)
  })

  it('keeps only what is set, trimmed', () => {
    expect(queryFromForm({ ...emptyForm(), sender: '  a@b.c ', status: 'any' })).toEqual({ sender: 'a@b.c' })
    expect(queryFromForm(emptyForm())).toEqual({})
    expect(hasTerms(emptyForm())).toBe(false)
    expect(hasTerms({ ...emptyForm(), status: 'queued' })).toBe(true)
  })

  it('ignores an unknown status and malformed days from a hand-edited link', () => {
    const form = formFromQuery({
      status: 'lost',
      direction: 'sideways',
      from: 'yesterday',
      to: '2026-02-30',
      recipient: ['x@y.z', 'other'],
    })
    expect(form).toEqual({ ...emptyForm(), recipient: 'x@y.z' })
  })

  it('turns days into the API instants, the last day included', () => {
    const params = paramsFromForm({ ...emptyForm(), from: '2026-11-20', to: '2026-11-21', status: 'rejected' })
    expect(params.status).toBe('rejected')
    expect(new Date(params.from!)).toEqual(new Date(2026, 10, 20))
    expect(new Date(params.to!)).toEqual(new Date(2026, 10, 22))
    expect(paramsFromForm(emptyForm())).toEqual({})
  })

  it('opens "more filters" only when one of them is set', () => {
    expect(hasMoreFilters(emptyForm())).toBe(false)
    expect(hasMoreFilters({ ...emptyForm(), status: 'bounced' })).toBe(false)
    expect(hasMoreFilters({ ...emptyForm(), client: '192.0.2.7' })).toBe(true)
    expect(hasMoreFilters({ ...emptyForm(), direction: 'inbound' })).toBe(true)
  })

  it('passes a direction and a provider group on, and leaves out "all"', () => {
    expect(paramsFromForm({ ...emptyForm(), direction: 'inbound', provider: ' Google ' })).toEqual({
      direction: 'inbound',
      provider: 'google',
    })
    expect(queryFromForm({ ...emptyForm(), direction: 'all' })).toEqual({})
  })

  it('sees a reversed range', () => {
    expect(rangeProblem({ ...emptyForm(), from: '2026-11-21', to: '2026-11-20' })).toBe('reversed')
    expect(rangeProblem({ ...emptyForm(), from: '2026-11-20', to: '2026-11-20' })).toBeNull()
  })
})
