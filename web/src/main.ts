import { createApp } from 'vue'
import App from './App.vue'
import { setClientHooks } from './api/client'
import { csrfToken, sessionEnded } from './composables/session'
import { initTheme } from './composables/theme'
import { applyLanguage, i18n } from './i18n'
import { router } from './router'
import './styles/main.css'

setClientHooks({
  csrfToken,
  onUnauthorized() {
    const current = router.currentRoute.value
    if (sessionEnded() && current.meta.auth !== false) {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  },
})
initTheme()
applyLanguage()
createApp(App).use(i18n).use(router).mount('#app')
