import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { loadSession, session } from '@/composables/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** false: open to anyone (sign-in, registration); otherwise a signed-in user is needed. */
    auth?: boolean
    /** The i18n key of the page title. */
    title?: string
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/',
      name: 'dashboard',
      component: () => import('@/pages/DashboardPage.vue'),
      meta: { title: 'nav.dashboard' },
    },
    {
      path: '/detective',
      name: 'detective',
      component: () => import('@/pages/DetectivePage.vue'),
      meta: { title: 'nav.detective' },
    },
    {
      path: '/messages/:id',
      name: 'message',
      component: () => import('@/pages/MessagePage.vue'),
      meta: { title: 'message.title' },
    },
    {
      path: '/insights/:id?',
      name: 'insights',
      component: () => import('@/pages/InsightsPage.vue'),
      meta: { title: 'nav.insights' },
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('@/pages/SettingsPage.vue'),
      meta: { title: 'nav.settings' },
    },
    {
      path: '/check',
      name: 'public-detective',
      component: () => import('@/pages/PublicDetectivePage.vue'),
      meta: { auth: false, title: 'public.title' },
    },
    {
      path: '/login',
      name: 'login',
      component: () => import('@/pages/LoginPage.vue'),
      meta: { auth: false, title: 'auth.signIn' },
    },
    {
      path: '/register',
      name: 'register',
      component: () => import('@/pages/RegisterPage.vue'),
      meta: { auth: false, title: 'auth.registerTitle' },
    },
    {
      path: '/:rest(.*)*',
      name: 'not-found',
      component: () => import('@/pages/NotFoundPage.vue'),
      meta: { auth: false, title: 'notFound.title' },
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

/** Where a navigation goes given who is signed in: registration first, then sign-in, then the page asked for. */
export function guard(
  to: Pick<RouteLocationNormalized, 'name' | 'meta' | 'fullPath'>,
): true | { name: string; query?: Record<string, string> } {
  if (!session.registered) {
    return to.name === 'register' ? true : { name: 'register' }
  }
  if (to.name === 'register' && !session.user) {
    return { name: 'login' }
  }
  if (to.meta.auth === false) {
    return (to.name === 'login' || to.name === 'register') && session.user ? { name: 'dashboard' } : true
  }
  if (!session.user) {
    return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } }
  }
  return true
}

router.beforeEach(async (to) => {
  if (!session.loaded) {
    await loadSession()
  }
  return guard(to)
})
