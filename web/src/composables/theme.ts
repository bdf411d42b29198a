import { ref, watch } from 'vue'

export type ThemeChoice = 'light' | 'dark' | 'system'
const storageKey = 'postmeter.theme'

function stored(): ThemeChoice {
  const value = localStorage.getItem(storageKey)
  return value === 'light' || value === 'dark' ? value : 'system'
}

const media = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null

/** The theme the user chose (remembered in this browser) and the one in effect. */
export const themeChoice = ref<ThemeChoice>(stored())
export const darkMode = ref(false)

function apply() {
  darkMode.value = themeChoice.value === 'dark' || (themeChoice.value === 'system' && (media?.matches ?? false))
  document.documentElement.dataset.theme = darkMode.value ? 'dark' : 'light'
}

export function initTheme(): void {
  apply()
  media?.addEventListener('change', apply)
  watch(themeChoice, (choice) => {
    if (choice === 'system') {
      localStorage.removeItem(storageKey)
    } else {
      localStorage.setItem(storageKey, choice)
    }
    apply()
  })
}
