import { describe, expect, it } from 'vitest'
import { feedOf, insightDetective, insightParams, isEvent, type Insight } from './insights'

function insight(type: string, content: unknown, subject = ''): Insight {
  return {
    id: 1,
    time: '2026-12-07T09:00:00Z',
    type,
    subject,
    category: 'local',
    rating: 'bad',
    status: 'open',
    updated_at: '2026-12-07T09:00:00Z',
    resolved_at: null,
    history: false,
    usefulness: null,
    help_link: null,
    snoozed_until: null,
    content,
  }
}

const format = { time: (iso: string) => `T(${iso})`, number: (n: number) => `N(${n})` }
const interval = { from: '2026-12-07T03:00:00Z', to: '2026-12-07T09:00:00Z' }

describe('insightParams', () => {
  it('writes numbers, times, an interval and counted lists for people', () => {
    const params = insightParams(
      insight('smtp_auth_attack', {
        failures: 40,
        clients: [{ key: '203.0.113.9', count: 25 }],
        usernames: [],
        interval,
      }),
      format,
    )
    expect(params).toMatchObject({
      failures: 'N(40)',
      clients: '203.0.113.9 (N(25))',
      usernames: '–',
      from: 'T(2026-12-07T03:00:00Z)',
      to: 'T(2026-12-07T09:00:00Z)',
    })
  })

  it('names the zones of a listing, the terms of an escalation and how many results it has', () => {
    expect(insightParams(insight('dnsbl_listed', { listed: [{ zone: 'bl.example', codes: [] }] }), format).listed).toBe(
      'bl.example',
    )
    const escalation = insightParams(
      insight('detective_escalation', {
        requester: 'public',
        terms: { recipient: 'b@example.com' },
        results: ['m1', 'r2'],
      }),
      format,
    )
    expect(escalation).toMatchObject({ requester: 'public', recipient: 'b@example.com', results: 'N(2)' })
  })
})

describe('insightDetective', () => {
  it('opens the bounced outbound mail of a bounce spike over its days', () => {
    expect(insightDetective(insight('high_bounce_rate', { rate: 12, interval }))).toMatchObject({
      status: 'bounced',
      direction: 'outbound',
    })
  })

  it('opens a blocking provider’s group and a deferring group by name', () => {
    expect(insightDetective(insight('blocked_by_provider', { interval }, 'Google'))?.provider).toBe('google')
    expect(insightDetective(insight('blocked_by_provider', { interval }, 'Mimecast'))?.provider).toBeUndefined()
    expect(insightDetective(insight('provider_deferral_spike', { interval }, 'yahoo'))?.provider).toBe('yahoo')
  })

  it('opens the busiest guessing client of an attack, else its busiest username', () => {
    const byClient = insightDetective(
      insight('smtp_auth_attack', { clients: [{ key: '203.0.113.9', count: 25 }], usernames: [], interval }),
    )
    expect(byClient?.client).toBe('203.0.113.9')
    const byUser = insightDetective(
      insight('smtp_auth_attack', { clients: [], usernames: [{ key: 'sales', count: 21 }], interval }),
    )
    expect(byUser?.sasl_username).toBe('sales')
  })

  it('has nothing to open for insights that are not about mail', () => {
    expect(insightDetective(insight('welcome', {}))).toBeNull()
    expect(insightDetective(insight('mail_inactivity', { direction: 'outbound' }))).toBeNull()
    expect(insightDetective(insight('high_bounce_rate', {}))).toBeNull()
  })
})

describe('feedOf', () => {
  const at = (i: Insight, time: string, resolved: string | null, status = resolved ? 'resolved' : 'open'): Insight => ({
    ...i,
    time,
    resolved_at: resolved,
    status,
  })

  it('shows open insights and last week’s events, problems first, then the newest', () => {
    const now = new Date('2026-12-07T12:00:00Z')
    const welcome = at(
      { ...insight('welcome', {}), id: 1, rating: 'unrated' },
      '2026-12-06T08:00:00Z',
      '2026-12-06T08:00:00Z',
    )
    const escalation = at(
      { ...insight('detective_escalation', {}), id: 2 },
      '2026-12-07T10:00:00Z',
      '2026-12-07T10:00:00Z',
    )
    const oldEvent = at(
      { ...insight('detective_escalation', {}), id: 3 },
      '2026-11-20T10:00:00Z',
      '2026-11-20T10:00:00Z',
    )
    const open = at({ ...insight('high_bounce_rate', {}), id: 4 }, '2026-12-07T09:00:00Z', null)
    const cleared = at({ ...insight('high_bounce_rate', {}), id: 5 }, '2026-12-07T08:00:00Z', '2026-12-07T09:00:00Z')
    const archived = at(
      { ...insight('detective_escalation', {}), id: 6 },
      '2026-12-07T11:00:00Z',
      '2026-12-07T11:00:00Z',
      'archived',
    )

    expect(feedOf([welcome, escalation, oldEvent, open, cleared, archived], now).map((i) => i.id)).toEqual([2, 4, 1])
    expect(isEvent(welcome)).toBe(true)
    expect(isEvent(cleared)).toBe(false)
  })
})
