/** The fates of a recipient (and a reject), their order on charts and their colours (CSS variables of the theme). */
export const fates = ['sent', 'bounced', 'deferred', 'expired', 'discarded', 'returned', 'rejected'] as const
export type Fate = (typeof fates)[number]

export function fateColorVar(fate: string): string {
  switch (fate) {
    case 'sent':
    case 'delivered':
      return 'var(--fate-sent)'
    case 'bounced':
      return 'var(--fate-bounced)'
    case 'deferred':
      return 'var(--fate-deferred)'
    case 'expired':
      return 'var(--fate-expired)'
    case 'discarded':
      return 'var(--fate-discarded)'
    case 'returned':
      return 'var(--fate-returned)'
    case 'rejected':
      return 'var(--fate-rejected)'
    case 'queued':
      return 'var(--fate-queued)'
    default:
      return 'var(--text-3)'
  }
}

/** The computed value of a theme colour, for the charts (which draw on a canvas, not with CSS). */
export function cssColor(variable: string): string {
  const name = variable.replace(/^var\((--[\w-]+)\)$/, '$1')
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'
}
