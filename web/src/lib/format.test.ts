import { describe, expect, it } from 'vitest'
import {
  change,
  formatBucket,
  formatBytes,
  formatChange,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  ratio,
} from './format'

// Intl uses narrow no-break spaces in some locales: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('numbers', () => {
  it('group digits the locale way', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567')
    expect(formatNumber(1234567, 'de')).toBe('1.234.567')
    expect(formatNumber(1234567, 'pt-BR')).toBe('1.234.567')
  })

  it('stay exact in tiles below 100 000 and compact above', () => {
    expect(formatCount(99_999, 'en')).toBe('99,999')
    expect(formatCount(1_234_567, 'en')).toBe('1.2M')
  })
})

describe('percentages', () => {
  it('show one decimal below 10 % and none above', () => {
    expect(formatPercent(0.0534, 'en')).toBe('5.3%')
    expect(formatPercent(0.534, 'en')).toBe('53%')
    expect(plain(formatPercent(0.0534, 'de'))).toBe('5,3 %')
  })

  it('say a tiny share is there', () => {
    expect(formatPercent(0.00001, 'en')).toBe('<0.1%')
    expect(formatPercent(0, 'en')).toBe('0%')
  })

  it('ratio of nothing is 0, not NaN', () => {
    expect(ratio(5, 0)).toBe(0)
    expect(ratio(1, 4)).toBe(0.25)
  })
})

describe('change against the previous period', () => {
  it('is relative with its direction', () => {
    expect(change(125, 100)).toEqual({ relative: 0.25, trend: 'up' })
    expect(change(50, 100)).toEqual({ relative: -0.5, trend: 'down' })
    expect(change(7, 7)).toEqual({ relative: 0, trend: 'flat' })
  })

  it('has no ratio when there was nothing before', () => {
    expect(change(3, 0)).toEqual({ relative: null, trend: 'up' })
  })

  it('is written with its sign', () => {
    expect(formatChange(0.25, 'en')).toBe('+25%')
    expect(formatChange(-0.035, 'en')).toBe('-3.5%')
  })
})

describe('sizes and durations', () => {
  it('bytes in binary steps', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte')
    expect(formatBytes(3089, 'en')).toBe('3 kB')
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB')
  })

  it('durations in the largest two units', () => {
    expect(formatDuration(42, 'en')).toBe('42s')
    expect(formatDuration(125, 'en')).toBe('2m 5s')
    expect(formatDuration(3900, 'en')).toBe('1h 5m')
  })
})

describe('chart buckets', () => {
  it('name the day, the hour, or both', () => {
    const hour = '2026-11-21T14:00:00Z'
    expect(formatBucket(hour, 'day', 'en-US', false, 'UTC')).toBe('Nov 21')
    expect(formatBucket(hour, 'hour', 'en-GB', true, 'UTC')).toBe('14:00')
    expect(formatBucket(hour, 'hour', 'de', false, 'UTC')).toBe('21. Nov., 14:00')
  })
})
