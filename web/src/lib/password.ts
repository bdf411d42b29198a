/**
 * A quick estimate of a new password's strength while it is typed (0–4, like the server's zxcvbn score, which has the
 * last word: it refuses below 3). Length and variety count; the user's own e-mail address and name, repeats, runs
 * and a few very common words count against it.
 */
const common = [
  'password',
  'passwort',
  'senha',
  'admin',
  'postfix',
  'postmeter',
  'qwerty',
  'welcome',
  'letmein',
  'secret',
  '123456',
  'abc123',
  'iloveyou',
  'monkey',
  'dragon',
]

export function passwordScore(password: string, personal: string[] = []): 0 | 1 | 2 | 3 | 4 {
  if (password.length === 0) {
    return 0
  }
  let remaining = password.toLowerCase()
  const words = [
    ...common,
    ...personal.flatMap((p) => p.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3),
  ]
  for (const word of words) {
    remaining = remaining.split(word).join('')
  }
  // Runs (aaaa, 1234, abcd) add almost nothing.
  remaining = remaining.replace(/(.)\1{2,}/g, '$1')
  remaining = remaining.replace(/(?:0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef|qwer|asdf)/g, '')
  let pool = 0
  if (/[a-z]/.test(password)) pool += 26
  if (/[A-Z]/.test(password)) pool += 26
  if (/[0-9]/.test(password)) pool += 10
  if (/[^a-zA-Z0-9]/.test(password)) pool += 33
  const bits = remaining.length * Math.log2(Math.max(pool, 2)) + (password.length - remaining.length) * 1
  if (bits < 28) return 0
  if (bits < 40) return 1
  if (bits < 56) return 2
  if (bits < 72) return 3
  return 4
}
