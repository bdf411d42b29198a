// End-to-end test of the web UI in Debian's chromium (never a downloaded browser) against a real postmeter on
// 127.0.0.1 over a workspace imported from the committed realpostfix logs: register → sign out → sign in → the
// stat tiles show what `postmeter report` prints → the top bounced domain opens the detective with that bounced
// message, its attempts and raw log lines → CSV downloads → public detective: anonymous search and escalation →
// a settings change survives a reload → sign out; axe-core on every page in light and dark; a screenshot of every
// page (1280 px light and dark, 390 px phone light and dark) in the folder it prints.
//
//   npm run build && dotnet build ../src/Postmeter.Server && node e2e/flow.mjs [POSTMETER] [SHOTS_DIR]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { axe, check, checkNoSidewaysScroll, finish, pageOpener, startServer } from './support.mjs'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const postmeter = process.argv[2] ?? join(repo, 'src/Postmeter.Server/bin/Debug/net10.0/postmeter')
const shots = process.argv[3] ?? join(tmpdir(), 'postmeter-ui-shots')
const admin = { name: 'Ada Admin', email: 'admin@example.com', password: 'violet staple orbit 93 harbour' }
mkdirSync(shots, { recursive: true })

// A workspace of the realpostfix runs one after the other (two days of real Postfix logs).
const temp = mkdtempSync(join(tmpdir(), 'postmeter-e2e-'))
const logs = join(temp, 'logs')
mkdirSync(logs)
const runs = ['realpostfix-seed42', 'realpostfix-longqid', 'realpostfix-seed11', 'realpostfix-filter']
writeFileSync(
  join(logs, 'mail.log'),
  Buffer.concat(runs.map((r) => readFileSync(join(repo, 'tests/fixtures', r, 'maillog')))),
)
const workspace = join(temp, 'ws')

const server = await startServer(postmeter, ['-workspace', workspace, '-watch_dir', logs, '-listen', '127.0.0.1:0'])
const base = server.base
console.log(`postmeter at ${base}, workspace ${workspace}`)

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' })
const consoleProblems = []

const newPage = pageOpener(browser, consoleProblems)

const visited = []
function remember(path, name, ready, anonymous = false) {
  visited.push({ path, name, ready, anonymous })
}

try {
  const { context, page } = await newPage()

  // First run: registration, then the dashboard.
  await page.goto(`${base}/`)
  await page.waitForURL(/\/register$/)
  await axe(page, 'register')
  await page.fill('#name', admin.name)
  await page.fill('#email', admin.email)
  await page.fill('#password', 'password')
  await page.click('button[type=submit]')
  await page.waitForSelector('.field-error')
  check('a weak password is refused with the server’s reason', /too weak/.test(await page.textContent('.field-error')))
  await page.fill('#password', admin.password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
  check('registering signs the administrator in', (await page.textContent('.user .name')) === admin.name)

  // Wait for the first import to end (the banner goes).
  await page.waitForFunction(() => !document.querySelector('.banner'), null, { timeout: 60_000 })

  // Sign out, sign in.
  await page.click('text=Sign out')
  await page.waitForURL(/\/login/)
  await axe(page, 'login')
  await page.fill('#email', admin.email)
  await page.fill('#password', 'wrong password')
  await page.click('button[type=submit]')
  await page.waitForSelector('[role=alert]')
  check('a wrong password is refused', /Wrong e-mail address or password/.test(await page.textContent('[role=alert]')))
  await page.fill('#password', admin.password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')

  // The tiles are postmeter report's numbers for the same range (all of it, every direction).
  await page.goto(`${base}/?range=all&direction=all`)
  // How long after navigation the numbers show (performance.now() counts from the navigation's start).
  const shownAfter = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const poll = () =>
          document.querySelector('[data-testid=tile-sent]') ? resolve(performance.now()) : requestAnimationFrame(poll)
        poll()
      }),
  )
  console.log(`dashboard numbers shown ${Math.round(shownAfter)} ms after navigation`)
  check(
    'the dashboard shows its numbers within 1.5 s of navigation',
    shownAfter <= 1500,
    `${Math.round(shownAfter)} ms`,
  )
  const report = JSON.parse(execFileSync(postmeter, ['report', '-workspace', workspace, '--format', 'json'])).totals
  const tile = async (key) => (await page.textContent(`[data-testid=tile-${key}]`)).trim()
  const n = (value) => new Intl.NumberFormat('en-US').format(value)
  check(
    'tile sent = report delivered',
    (await tile('sent')) === n(report.delivered),
    `${await tile('sent')} vs ${report.delivered}`,
  )
  check('tile deferred = report deferred', (await tile('deferred')) === n(report.deferred))
  check('tile expired = report expired', (await tile('expired')) === n(report.expired))
  check('tile rejected = report rejected', (await tile('rejected')) === n(report.rejected))
  const bouncedSub = await page.textContent('li:has([data-testid=tile-bounced]) .sub')
  check('bounce tile counts report bounced', bouncedSub.includes(`${n(report.bounced)} bounced`), bouncedSub)
  remember('/?range=all&direction=all', 'dashboard', '[data-testid=tile-sent]')
  await axe(page, 'dashboard')
  await page.click('button:has-text("Table") >> nth=0')
  check('the chart has a table view', (await page.locator('#fates-over-time-content table').count()) === 1)

  // The top bounced domain opens the detective on its bounced mail.
  const dashboardUrl = page.url()
  await page.click('[role=tab]:has-text("Bounced domains")')
  const topBounced = page.locator('#top-panel a').first()
  const domain = (await topBounced.textContent()).trim()
  await topBounced.click()
  await page.waitForURL(/\/detective\?/)
  const url = new URL(page.url())
  check(
    'the detective is filtered to the bounced domain',
    url.searchParams.get('recipient') === `@${domain}` && url.searchParams.get('status') === 'bounced',
  )
  await page.waitForSelector('.result')
  const first = page.locator('.result').first()
  check('the detective lists a bounced message', (await first.locator('.badge:has-text("Bounced")').count()) > 0)
  check('with its attempts', /\d+ attempts?/.test(await first.textContent()))
  await first.locator('button[aria-expanded]').click()
  await page.waitForSelector('.log')
  const log = await page.textContent('.log')
  check('and its raw log lines', /postfix\/\w+\[\d+\]/.test(log) && /status=bounced/.test(log))
  remember(url.pathname + url.search, 'detective', '.result')
  await axe(page, 'detective')

  // The message page.
  const messageHref = await first.locator('a:has-text("Open")').getAttribute('href')
  await page.goto(`${base}${messageHref}`)
  await page.waitForSelector('.timeline')
  check('the message page shows the timeline', (await page.locator('.timeline li').count()) >= 2)
  remember(messageHref, 'message', '.timeline')
  await axe(page, 'message')

  // A provider group row opens the detective on that group's mail, in the dashboard's direction.
  await page.goto(dashboardUrl)
  await page.click('#top-tab-provider-groups')
  const topGroup = page.locator('#top-panel a').first()
  const group = (await topGroup.textContent()).trim()
  await topGroup.click()
  await page.waitForURL(/\/detective\?/)
  const groupUrl = new URL(page.url())
  await page.waitForSelector('.result')
  check(
    'a provider group row opens the detective on its mail, in the dashboard’s direction',
    groupUrl.searchParams.get('provider') === group &&
      (groupUrl.searchParams.get('direction') ?? 'all') ===
        (new URL(dashboardUrl).searchParams.get('direction') ?? 'outbound') &&
      (await page.inputValue('#d-provider')) === group &&
      (await page.locator('.result').count()) > 0,
    groupUrl.search,
  )

  // A client address failing SMTP AUTH opens the detective on the mail it sent, the filter in sight.
  await page.goto(dashboardUrl)
  const failingClient = page.locator('section[aria-labelledby=failing-title] table a').first()
  const clientAddress = (await failingClient.textContent()).trim()
  await failingClient.click()
  await page.waitForURL(/\/detective\?/)
  await page.waitForSelector('.summary')
  check(
    'a failing SMTP AUTH client opens the detective on its address',
    new URL(page.url()).searchParams.get('client') === clientAddress &&
      (await page.locator('details.extra[open] #d-client').inputValue()) === clientAddress,
  )
  remember(new URL(page.url()).pathname + new URL(page.url()).search, 'detective-filters', '.summary')

  // Remember a bounced sender and recipient for the public detective.
  await page.goto(`${base}/detective?recipient=%40${domain}&status=bounced`)
  await page.waitForSelector('.result')
  const publicSender = (await page.locator('.result .addr').first().textContent()).trim()
  const publicRecipient = (
    await page
      .locator('.result')
      .first()
      .locator('.rcpts li:has(.badge:has-text("Bounced")) .addr2')
      .first()
      .textContent()
  ).trim()

  // CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')])
  const csv = readFileSync(await download.path(), 'utf8')
  check('the CSV downloads', csv.startsWith('kind,id,time') && csv.includes(domain), csv.slice(0, 80))

  // Rejects are their own rows.
  await page.goto(`${base}/detective?status=rejected`)
  await page.waitForSelector('.result')
  check(
    'a reject says it was refused before queueing',
    /Refused before queueing: 5\d\d/.test(await page.textContent('.result')),
  )
  remember('/detective?status=rejected', 'detective-rejects', '.result')

  // Settings: turn on the public detective; a change survives a reload.
  await page.goto(`${base}/settings`)
  await page.waitForSelector('#general-title')
  await page.fill('#s-url', 'not a url')
  check('an invalid URL is flagged inline', (await page.locator('#s-url-error').count()) === 1)
  await page.fill('#s-url', 'https://postmeter.example.com/')
  await page.click('#general button[type=submit]')
  await page.waitForSelector('#general .ok')
  await page.check('#detective input[type=checkbox]')
  await page.click('#detective button[type=submit]')
  await page.waitForSelector('#detective .ok')
  await page.reload()
  await page.waitForSelector('#general-title')
  check('a settings change survives a reload', (await page.inputValue('#s-url')) === 'https://postmeter.example.com/')
  remember('/settings', 'settings', '#general-title')
  await axe(page, 'settings')

  // An API token: created in settings, its secret shown once and usable at once, refused once deleted.
  const tokens = page.locator('section[aria-labelledby=tokens-title]')
  await page.fill('#token-name', 'e2e-script')
  await tokens.locator('form button[type=submit]').click()
  const secret = ((await page.textContent('[data-testid=token-secret]')) ?? '').trim()
  const statusWith = async (token) =>
    (
      await fetch(`${base}/api/v1/dashboard/status?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status
  check('a token created in settings works at once', secret.startsWith('pm_') && (await statusWith(secret)) === 200)
  await axe(page, 'settings with a new token')
  await tokens.screenshot({ path: join(shots, 'settings-new-token-1280-light.png') })
  await page.reload()
  await page.waitForSelector('#tokens-title')
  check(
    'the secret is not shown again, the token is listed',
    (await page.locator('[data-testid=token-secret]').count()) === 0 &&
      (await tokens.locator('tbody tr', { hasText: 'e2e-script' }).count()) === 1,
  )
  page.once('dialog', (dialog) => dialog.accept())
  await tokens.locator('tbody tr', { hasText: 'e2e-script' }).locator('button').click()
  await tokens.locator('tbody tr', { hasText: 'e2e-script' }).waitFor({ state: 'detached' })
  check('a deleted token is refused', (await statusWith(secret)) === 401)

  // The public detective, as someone who is not signed in.
  const anonymous = await newPage()
  await anonymous.page.goto(`${base}/check`)
  await anonymous.page.fill('#p-sender', publicSender)
  await anonymous.page.fill('#p-recipient', publicRecipient)
  await anonymous.page.click('button[type=submit]')
  await anonymous.page.waitForSelector('.answer')
  const answer = await anonymous.page.textContent('.answer')
  check(
    'the public detective shows the recipient’s fate',
    answer.includes(publicRecipient) && answer.includes('Bounced'),
    answer.slice(0, 200),
  )
  check(
    'and only that recipient',
    (await anonymous.page.locator('.lines li').count()) >= 1 &&
      !(await anonymous.page.locator('.lines li .mono').allTextContents()).some(
        (a) => a.includes('@') && a !== publicRecipient,
      ),
  )
  await anonymous.page.click('text=Ask the administrator to look into it')
  await anonymous.page.waitForSelector('.escalate .ok')
  check('an escalation is accepted', true)
  remember(
    `/check?${new URLSearchParams({ sender: publicSender, recipient: publicRecipient })}`,
    'public-detective',
    '.answer',
    true,
  )
  await axe(anonymous.page, 'public detective')
  await anonymous.context.close()

  // Sign out.
  await page.click('text=Sign out')
  await page.waitForURL(/\/login/)
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)
  check('signing out ends the session', me === 401)
  await context.close()

  // Screenshots of every page: 1280 px and 390 px, light and dark.
  remember('/login', 'login', 'form', true)
  for (const width of [1280, 390]) {
    for (const scheme of ['light', 'dark']) {
      const { context: c, page: p } = await newPage({
        viewport: { width, height: width < 500 ? 844 : 900 },
        colorScheme: scheme,
      })
      await p.goto(`${base}/login`)
      await p.fill('#email', admin.email)
      await p.fill('#password', admin.password)
      await p.click('button[type=submit]')
      await p.waitForURL((u) => u.pathname === '/')
      for (const v of visited) {
        const target = v.anonymous
          ? (
              await browser.newContext({
                viewport: { width, height: 844 },
                colorScheme: scheme,
                locale: 'en-US',
                timezoneId: 'UTC',
              })
            ).newPage()
          : p
        const q = await target
        await q.goto(`${base}${v.path}`)
        await q.waitForSelector(v.ready)
        await q.waitForTimeout(v.name === 'dashboard' ? 1200 : 300)
        await checkNoSidewaysScroll(q, v.name, width, scheme)
        const file = join(shots, `${v.name}-${width}-${scheme}.png`)
        await q.screenshot({ path: file, fullPage: true })
        if (v.anonymous) await q.context().close()
      }
      await c.close()
    }
  }
  check('no script error or CSP violation in the console', consoleProblems.length === 0, consoleProblems.join('\n'))
} catch (e) {
  check('the run completes', false, e instanceof Error ? e.stack : String(e))
} finally {
  await browser.close()
  await server.stop()
  rmSync(temp, { recursive: true, force: true })
}

console.log(`screenshots: ${shots}`)
finish()
