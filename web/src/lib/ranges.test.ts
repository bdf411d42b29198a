import { describe, expect, it } from 'vitest'
import {
  addDays,
  ceilHour,
  dayRange,
  daysEndingAt,
  formatDay,
  granularityFor,
  parseDay,
  presetRange,
  previousRange,
  toIso,
} from './ranges'

// Local times: the tests run in whatever time zone the machine has, so they build dates from local parts.
const now = new Date(2026, 10, 21, 14, 37, 12)

describe('presetRange', () => {
  it('today runs from local midnight to the end of the current hour', () => {
    const r = presetRange('today', now)
    expect(r.from).toEqual(new Date(2026, 10, 21))
    expect(r.to).toEqual(new Date(2026, 10, 21, 15))
  })

  it('yesterday is the whole previous day', () => {
    const r = presetRange('yesterday', now)
    expect(r.from).toEqual(new Date(2026, 10, 20))
    expect(r.to).toEqual(new Date(2026, 10, 21))
  })

  it('7, 30 and 90 days include today', () => {
    expect(presetRange('7d', now).from).toEqual(new Date(2026, 10, 15))
    expect(presetRange('30d', now).from).toEqual(new Date(2026, 9, 23))
    expect(presetRange('90d', now).from).toEqual(new Date(2026, 7, 24))
    expect(presetRange('90d', now).to).toEqual(new Date(2026, 10, 21, 15))
  })

  it('all asks for the ten years the API allows at most', () => {
    const r = presetRange('all', now)
    expect(r.from).toEqual(new Date(2016, 10, 22))
    expect(r.to.getTime() - r.from.getTime()).toBeLessThan(3653 * 86_400_000)
  })
})

describe('previousRange', () => {
  it('is the period of the same length just before', () => {
    const r = presetRange('7d', now)
    const p = previousRange(r, '7d')
    expect(p).not.toBeNull()
    expect(p!.to).toEqual(r.from)
    expect(p!.to.getTime() - p!.from.getTime()).toBe(r.to.getTime() - r.from.getTime())
  })

  it('of yesterday is the day before', () => {
    const p = previousRange(presetRange('yesterday', now), 'yesterday')
    expect(p!.from).toEqual(new Date(2026, 10, 19))
    expect(p!.to).toEqual(new Date(2026, 10, 20))
  })

  it('of all is none', () => {
    expect(previousRange(presetRange('all', now), 'all')).toBeNull()
  })

  it('of a custom range has its length', () => {
    const r = dayRange('2026-11-01', '2026-11-10')!
    const p = previousRange(r, 'custom')!
    expect(p.to).toEqual(new Date(2026, 10, 1))
    expect(r.to.getTime() - r.from.getTime()).toBe(p.to.getTime() - p.from.getTime())
  })
})

describe('days', () => {
  it('parses and formats yyyy-mm-dd in local time', () => {
    expect(parseDay('2026-02-28')).toEqual(new Date(2026, 1, 28))
    expect(formatDay(new Date(2026, 1, 3, 23, 59))).toBe('2026-02-03')
  })

  it('refuses days that do not exist and other shapes', () => {
    expect(parseDay('2026-02-30')).toBeNull()
    expect(parseDay('2026-13-01')).toBeNull()
    expect(parseDay('21.11.2026')).toBeNull()
    expect(parseDay('')).toBeNull()
  })

  it('a custom range includes its last day, and is refused reversed', () => {
    expect(dayRange('2026-11-20', '2026-11-21')).toEqual({
      from: new Date(2026, 10, 20),
      to: new Date(2026, 10, 22),
    })
    expect(dayRange('2026-11-21', '2026-11-21')!.to).toEqual(new Date(2026, 10, 22))
    expect(dayRange('2026-11-22', '2026-11-21')).toBeNull()
  })

  it('adds calendar days across month ends', () => {
    expect(addDays(new Date(2026, 0, 31), 1)).toEqual(new Date(2026, 1, 1))
    expect(addDays(new Date(2026, 2, 1), -1)).toEqual(new Date(2026, 1, 28))
  })

  it('daysEndingAt ends at the midnight after the last day', () => {
    const r = daysEndingAt(new Date(2026, 10, 21, 22, 34), 7)
    expect(r.from).toEqual(new Date(2026, 10, 15))
    expect(r.to).toEqual(new Date(2026, 10, 22))
  })
})

describe('granularity and instants', () => {
  it('is hourly up to three days and daily beyond', () => {
    expect(granularityFor(presetRange('today', now))).toBe('hour')
    expect(granularityFor(dayRange('2026-11-19', '2026-11-21')!)).toBe('hour')
    expect(granularityFor(presetRange('7d', now))).toBe('day')
  })

  it('rounds up to the hour and leaves a whole hour alone', () => {
    expect(ceilHour(new Date(2026, 10, 21, 14, 0, 0))).toEqual(new Date(2026, 10, 21, 14))
    expect(ceilHour(new Date(2026, 10, 21, 14, 0, 1))).toEqual(new Date(2026, 10, 21, 15))
  })

  it('writes ISO 8601 without milliseconds', () => {
    expect(toIso(new Date(Date.UTC(2026, 10, 21, 22, 0, 0)))).toBe('2026-11-21T22:00:00Z')
  })
})
