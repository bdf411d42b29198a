import { describe, expect, it } from 'vitest'
import { detectiveQuery, queryFromView, rangeDays, rangeOfView, viewFromQuery } from './dashboardQuery'
import { formFromQuery } from './search'

describe('dashboard view ↔ URL', () => {
  it('round-trips presets and custom ranges', () => {
    for (const view of [
      { preset: '30d' as const, first: '', last: '', direction: 'outbound' as const },
      { preset: 'custom' as const, first: '2026-11-15', last: '2026-11-21', direction: 'all' as const },
      { preset: 'all' as const, first: '', last: '', direction: 'inbound' as const },
    ]) {
      expect(viewFromQuery(queryFromView(view))).toEqual(view)
    }
  })

  it('asks for nothing without a range, and mends a broken one', () => {
    expect(viewFromQuery({})).toBeNull()
    expect(viewFromQuery({ range: 'forever', direction: 'sideways' })).toBeNull()
    expect(viewFromQuery({ from: '2026-11-21', to: '2026-11-01' })).toBeNull()
    expect(viewFromQuery({ direction: 'inbound' })).toEqual({ preset: '7d', first: '', last: '', direction: 'inbound' })
  })

  it('a custom view covers its last day', () => {
    const r = rangeOfView({ preset: 'custom', first: '2026-11-21', last: '2026-11-21', direction: 'all' }, new Date())
    expect(r).toEqual({ from: new Date(2026, 10, 21), to: new Date(2026, 10, 22) })
  })
})

describe('detective links', () => {
  it('name the days of the range, the last one included', () => {
    expect(rangeDays({ from: new Date(2026, 10, 15), to: new Date(2026, 10, 22) })).toEqual({
      from: '2026-11-15',
      to: '2026-11-21',
    })
    // Today's range ends at the next hour: the last day is today.
    expect(rangeDays({ from: new Date(2026, 10, 21), to: new Date(2026, 10, 21, 15) }).to).toBe('2026-11-21')
  })

  it('carry the filter a row stands for, in the detective form', () => {
    const range = { from: new Date(2026, 10, 15), to: new Date(2026, 10, 22) }
    const query = detectiveQuery({ status: 'bounced', recipient: '@gmail.com' }, range)
    expect(query).toEqual({ recipient: '@gmail.com', status: 'bounced', from: '2026-11-15', to: '2026-11-21' })
    expect(formFromQuery(query).recipient).toBe('@gmail.com')
    expect(detectiveQuery({ provider: 'google', direction: 'outbound' }, range)).toEqual({
      provider: 'google',
      direction: 'outbound',
      from: '2026-11-15',
      to: '2026-11-21',
    })
    expect(detectiveQuery({ provider: 'google', direction: 'all' }, range)).not.toHaveProperty('direction')
  })
})
