import { reactive } from 'vue'
import { client, unwrap, type Schemas } from '@/api/client'

export type User = Schemas['UserView'] | Schemas['CallerView']

interface SessionState {
  /** Whether the administrator exists (the first page is registration until then). */
  registered: boolean
  multipleUsers: boolean
  user: { name: string; email: string | null; role: string } | null
  loaded: boolean
}

export const session = reactive<SessionState>({ registered: true, multipleUsers: false, user: null, loaded: false })

let csrf: string | null = null
let csrfRequest: Promise<string> | null = null

export async function csrfToken(): Promise<string> {
  if (csrf) {
    return csrf
  }
  csrfRequest ??= unwrap(client.GET('/api/v1/auth/csrf')).then((view) => {
    csrf = view.token
    csrfRequest = null
    return view.token
  })
  return csrfRequest
}

/** The server said the session is over (expired, signed out elsewhere): forget it. True when there was one. */
export function sessionEnded(): boolean {
  const had = session.user !== null
  session.user = null
  csrf = null
  return had
}

/** Who is signed in (null when nobody) and whether the first administrator exists; once per page load. */
export async function loadSession(): Promise<void> {
  const status = await unwrap(client.GET('/api/v1/auth/status'))
  session.registered = status.registered
  session.multipleUsers = status.multiple_users
  const me = await client.GET('/api/v1/auth/me')
  session.user = me.data ? { name: me.data.name, email: me.data.email ?? null, role: me.data.role } : null
  session.loaded = true
}

function signedIn(view: Schemas['SessionView']) {
  session.user = { name: view.user.name, email: view.user.email, role: view.user.role }
  session.registered = true
  // The session's new token: the one fetched before signing in is not valid for it.
  csrf = view.csrf_token
}

export async function login(email: string, password: string): Promise<void> {
  signedIn(await unwrap(client.POST('/api/v1/auth/login', { body: { email, password } })))
}

export async function register(email: string, name: string, password: string): Promise<void> {
  signedIn(await unwrap(client.POST('/api/v1/auth/register', { body: { email, name, password } })))
}

export async function logout(): Promise<void> {
  try {
    await unwrap(client.POST('/api/v1/auth/logout'))
  } finally {
    session.user = null
    csrf = null
  }
}

export const isAdmin = (): boolean => session.user?.role === 'admin'
