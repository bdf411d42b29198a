import { describe, expect, it } from 'vitest'
import en from './en'
import de from './de'
import ptBR from './pt-BR'
import { formatLocale, initialLanguage } from './index'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) {
    return [prefix]
  }
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(leaves)
}

describe('translations', () => {
  it('German and Brazilian Portuguese have every English key and no other', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort())
    expect(keys(ptBR).sort()).toEqual(keys(en).sort())
  })

  it('no translation is empty', () => {
    for (const messages of [en, de, ptBR]) {
      expect(leaves(messages).filter((s) => s.trim() === '')).toEqual([])
    }
  })

  it('keep the placeholders of the English text', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    const flat = (m: unknown, prefix = ''): [string, string][] =>
      typeof m === 'string'
        ? [[prefix, m]]
        : Object.entries(m as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k))
    const english = new Map(flat(en))
    for (const messages of [de, ptBR]) {
      for (const [key, text] of flat(messages)) {
        expect([key, placeholders(text)]).toEqual([key, placeholders(english.get(key) ?? '')])
      }
    }
  })
})

describe('language choice', () => {
  it('takes the remembered one, else the first the browser prefers that exists', () => {
    expect(initialLanguage('de', ['en-US'])).toBe('de')
    expect(initialLanguage(null, ['fr-FR', 'pt-PT', 'en'])).toBe('pt-BR')
    expect(initialLanguage(null, ['de-AT'])).toBe('de')
    expect(initialLanguage('xx', ['ja'])).toBe('en')
  })

  it('formats in the browser locale when it is of the language shown', () => {
    expect(formatLocale('en', ['en-GB', 'de'])).toBe('en-GB')
    expect(formatLocale('de', ['en-GB', 'de-CH'])).toBe('de-CH')
    expect(formatLocale('pt-BR', ['en-US'])).toBe('pt-BR')
  })
})
