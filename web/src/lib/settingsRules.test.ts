import { describe, expect, it } from 'vitest'
import { checkEmails, checkIp, checkRange, checkRetention, checkTimeZone, checkUrl, splitList } from './settingsRules'

describe('settings checks', () => {
  it('take http and https URLs only', () => {
    expect(checkUrl('https://postmeter.example.com/')).toBeNull()
    expect(checkUrl(null)).toBeNull()
    expect(checkUrl('ftp://x')).toBe('settings.errors.url')
    expect(checkUrl('postmeter.example.com')).toBe('settings.errors.url')
  })

  it('take IPv4 and IPv6 addresses', () => {
    expect(checkIp('192.0.2.25')).toBeNull()
    expect(checkIp('2001:db8::25')).toBeNull()
    expect(checkIp('256.1.1.1')).toBe('settings.errors.ip')
    expect(checkIp('nope')).toBe('settings.errors.ip')
    expect(checkIp('1::2::3')).toBe('settings.errors.ip')
  })

  it('check ranges, retention and time zones', () => {
    expect(checkRange(5, 0, 100)).toBeNull()
    expect(checkRange(500, 0, 100)).toBe('settings.errors.range')
    expect(checkRange(1.5, 0, 100)).toBe('settings.errors.range')
    expect(checkRetention('90d')).toBeNull()
    expect(checkRetention('1y')).toBeNull()
    expect(checkRetention('ninety days')).toBe('settings.errors.retention')
    expect(checkTimeZone('Europe/Berlin')).toBeNull()
    expect(checkTimeZone('Mars/Olympus')).toBe('settings.errors.timeZone')
  })

  it('split address lists on lines and commas', () => {
    expect(splitList('a@example.com, b@example.com\nc@example.com\n\n')).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ])
    expect(checkEmails(['a@example.com', 'nope'])).toBe('settings.errors.emails')
  })
})
