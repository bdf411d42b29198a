import { createI18n } from 'vue-i18n'
import { computed, ref } from 'vue'
import en from './en'
import de from './de'
import ptBR from './pt-BR'

export const languages = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'pt-BR', name: 'Português (Brasil)' },
] as const
export type Language = (typeof languages)[number]['code']

const storageKey = 'postmeter.language'

function isLanguage(value: string | null): value is Language {
  return languages.some((l) => l.code === value)
}

/** The remembered choice, else the browser's first language we have (pt-PT readers get pt-BR, en-GB gets en). */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) {
    return stored
  }
  for (const tag of preferred) {
    if (isLanguage(tag)) {
      return tag
    }
    const base = tag.split('-')[0]?.toLowerCase()
    if (base === 'pt') return 'pt-BR'
    if (base === 'de') return 'de'
    if (base === 'en') return 'en'
  }
  return 'en'
}

/**
 * The locale numbers and dates are formatted in: the browser's own when it is of the language shown (en-GB dates for
 * a British reader of the English pages), else the language shown.
 */
export function formatLocale(language: Language, preferred: readonly string[]): string {
  const base = language.split('-')[0]
  return preferred.find((tag) => tag.split('-')[0]?.toLowerCase() === base) ?? language
}

const browserLanguages = typeof navigator !== 'undefined' ? navigator.languages : []
const language = initialLanguage(
  typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null,
  browserLanguages,
)

export const i18n = createI18n({
  legacy: false,
  locale: language,
  fallbackLocale: 'en',
  messages: { en, de, 'pt-BR': ptBR },
})

const current = ref<Language>(language)
export const uiLanguage = computed(() => current.value)
/** The locale for Intl formatting (see formatLocale). */
export const locale = computed(() => formatLocale(current.value, browserLanguages))

export function setLanguage(code: Language): void {
  current.value = code
  i18n.global.locale.value = code
  localStorage.setItem(storageKey, code)
  document.documentElement.lang = code
}

export function applyLanguage(): void {
  document.documentElement.lang = current.value
}
