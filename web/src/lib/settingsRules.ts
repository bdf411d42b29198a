/**
 * Checks of the settings form while it is filled in, with the same rules as the server (which checks again and has
 * the last word): each returns the i18n key of what is wrong, or null.
 */

export function checkUrl(value: string | null): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'settings.errors.url'
  } catch {
    return 'settings.errors.url'
  }
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function checkIp(value: string | null): string | null {
  if (!value) return null
  if (ipv4.test(value)) return null
  // IPv6: hex groups and colons (one ::), as the server's parser reads them; the server has the last word.
  if (/^[0-9a-f:]+$/i.test(value) && value.includes(':') && (value.match(/::/g) ?? []).length <= 1) {
    const groups = value.split(':').filter((g) => g !== '')
    if (groups.every((g) => g.length <= 4) && groups.length <= 8) return null
  }
  return 'settings.errors.ip'
}

export function checkRange(value: number, min: number, max: number): string | null {
  return Number.isInteger(value) && value >= min && value <= max ? null : 'settings.errors.range'
}

export function checkRetention(value: string): string | null {
  return /^\d+[hdwmy]$/.test(value.trim()) ? null : 'settings.errors.retention'
}

export function checkEmail(value: string | null): string | null {
  if (!value) return null
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'settings.errors.email'
}

export function checkEmails(values: string[]): string | null {
  return values.every((v) => checkEmail(v) === null) ? null : 'settings.errors.emails'
}

export function checkTimeZone(value: string): string | null {
  if (value === 'UTC') return null
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return null
  } catch {
    return 'settings.errors.timeZone'
  }
}

/** The list of addresses typed in one field, one per line or separated by commas. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,;]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

/** The mask the server shows for a stored secret; sending it back keeps the secret. */
export const secretMask = '********'
