import { describe, expect, it } from 'vitest'
import type { Schemas } from '@/api/client'
import { counts, dataSpan } from './dashboardData'

const times = ['2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z', '2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z']

function series(sent: number[], rejected: number[] = [0, 0, 0, 0]): Schemas['TimeseriesView'] {
  const zero = [0, 0, 0, 0]
  return {
    from: times[0]!,
    to: '2026-11-24T00:00:00Z',
    granularity: 'day',
    direction: 'all',
    times,
    sent,
    bounced: zero,
    deferred: zero,
    expired: zero,
    discarded: zero,
    returned: zero,
    rejected,
  }
}

function logins(failures: number[] = [0, 0, 0, 0]): Schemas['LoginsView'] {
  return {
    buckets: times.map((time, i) => ({ time, successes: 0, failures: failures[i] ?? 0 })),
    failing_clients: [],
    failing_usernames: [],
  }
}

describe('dataSpan ("all" shows the days with mail)', () => {
  it('runs from the first to the end of the last busy bucket', () => {
    expect(dataSpan(series([0, 5, '2' as unknown as number, 0]), logins())).toEqual({
      from: new Date('2026-11-21T00:00:00Z'),
      to: new Date('2026-11-23T00:00:00Z'),
    })
  })

  it('counts rejects and logins as activity', () => {
    expect(dataSpan(series([0, 0, 0, 0], [1, 0, 0, 0]), logins([0, 0, 0, 3]))).toEqual({
      from: new Date('2026-11-20T00:00:00Z'),
      to: new Date('2026-11-24T00:00:00Z'),
    })
  })

  it('is null without any mail', () => {
    expect(dataSpan(series([0, 0, 0, 0]), logins())).toBeNull()
  })
})

describe('counts', () => {
  it('reads the status answer as numbers', () => {
    const c = counts({
      from: times[0]!,
      to: times[1]!,
      direction: 'all',
      sent: '275',
      bounced: 62,
      deferred: 0,
      expired: 38,
      discarded: 2,
      returned: 73,
      rejected: 33,
      deferral_attempts: 238,
    })
    expect(c.sent + c.bounced + c.expired).toBe(375)
  })
})
