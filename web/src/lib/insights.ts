/** Insights as the UI shows them: the words of each type filled from its content, and the detective link of each. */
import type { Schemas } from '@/api/client'
import { detectiveQuery } from './dashboardQuery'
import { emptyForm, queryFromForm } from './search'

export type Insight = Schemas['InsightView']

export const insightStatuses = ['active', 'open', 'resolved', 'archived'] as const
export type InsightStatus = (typeof insightStatuses)[number]
export const insightCategories = ['all', 'local', 'intel', 'news'] as const
export type InsightCategory = (typeof insightCategories)[number]

/** Every type the engine writes (each has a title and a text in every language). */
export const insightTypes = [
  'high_bounce_rate',
  'mail_inactivity',
  'blocked_by_provider',
  'provider_deferral_spike',
  'reject_spike',
  'smtp_auth_attack',
  'dnsbl_listed',
  'deferred_backlog',
  'welcome',
  'import_summary',
  'detective_escalation',
] as const

type Json = Record<string, unknown>

/** Events (the welcome, an escalation, the import summary) are insights of a moment: opened and resolved at once. */
export function isEvent(insight: Insight): boolean {
  return insight.resolved_at === insight.time
}

/** What the dashboard shows: every open insight, and the events of the last week not archived; problems first, then newest. */
export function feedOf(insights: Insight[], now: Date): Insight[] {
  const order = ['bad', 'ok', 'good', 'unrated']
  const weekAgo = now.getTime() - 7 * 24 * 3600_000
  return insights
    .filter((i) => i.status === 'open' || (i.status !== 'archived' && isEvent(i) && Date.parse(i.time) >= weekAgo))
    .sort((a, b) => order.indexOf(a.rating) - order.indexOf(b.rating) || Date.parse(b.time) - Date.parse(a.time))
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/

export interface Formatters {
  time(iso: string): string
  number(value: number): string
}

function written(value: unknown, format: Formatters): string | null {
  if (typeof value === 'number') return format.number(value)
  if (typeof value === 'string') return isoTime.test(value) ? format.time(value) : value
  if (Array.isArray(value)) {
    if (value.length === 0) return '–'
    return value
      .map((item) => {
        if (!isObject(item)) return written(item, format) ?? ''
        if (typeof item.key === 'string' && typeof item.count === 'number')
          return `${item.key} (${format.number(item.count)})`
        if (typeof item.zone === 'string') return item.zone
        return ''
      })
      .filter((s) => s !== '')
      .join(', ')
  }
  return null
}

/**
 * The named values of an insight's title and text: each field of its content written for people (times in the
 * browser's zone, numbers in its locale, lists as "key (count), …"), and the fields of objects inside it (an interval's
 * from and to, an escalation's terms) by their own names.
 */
export function insightParams(insight: Insight, format: Formatters): Record<string, string> {
  const params: Record<string, string> = { subject: insight.subject }
  const content = isObject(insight.content) ? insight.content : {}
  for (const [name, value] of Object.entries(content)) {
    if (isObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        const text = written(innerValue, format)
        if (text !== null && !(inner in params)) params[inner] = text
      }
      continue
    }
    const text = written(value, format)
    if (text !== null) params[name] = text
  }
  if (Array.isArray(content.results)) params.results = format.number(content.results.length)
  return params
}

const providerGroups: Record<string, string> = {
  Google: 'google',
  Microsoft: 'microsoft',
  Yahoo: 'yahoo',
  AOL: 'yahoo',
}

function interval(content: Json): { from: Date; to: Date } | null {
  const i = content.interval
  if (!isObject(i) || typeof i.from !== 'string' || typeof i.to !== 'string') return null
  return { from: new Date(i.from), to: new Date(i.to) }
}

/** The detective's URL query for the mail an insight is about, or null when it is not about mail. */
export function insightDetective(insight: Insight): Record<string, string> | null {
  const content = isObject(insight.content) ? insight.content : {}
  const range = interval(content)
  switch (insight.type) {
    case 'high_bounce_rate':
      return range && detectiveQuery({ status: 'bounced', direction: 'outbound' }, range)
    case 'blocked_by_provider':
      return (
        range &&
        detectiveQuery({ status: 'bounced', direction: 'outbound', provider: providerGroups[insight.subject] }, range)
      )
    case 'provider_deferral_spike':
      return range && detectiveQuery({ direction: 'outbound', provider: insight.subject }, range)
    case 'reject_spike':
      return range && detectiveQuery({ status: 'rejected' }, range)
    case 'smtp_auth_attack': {
      const first = (list: unknown) =>
        Array.isArray(list) && isObject(list[0]) && typeof list[0].key === 'string' ? list[0].key : undefined
      const client = first(content.clients)
      const saslUsername = client ? undefined : first(content.usernames)
      return range && (client || saslUsername) ? detectiveQuery({ client, saslUsername }, range) : null
    }
    case 'deferred_backlog':
      return queryFromForm({ ...emptyForm(), status: 'queued' })
    case 'detective_escalation': {
      const terms = isObject(content.terms) ? content.terms : {}
      const text = (name: string) => {
        const value = terms[name]
        return typeof value === 'string' ? value : ''
      }
      return queryFromForm({ ...emptyForm(), sender: text('sender'), recipient: text('recipient'), id: text('id') })
    }
    default:
      return null
  }
}
