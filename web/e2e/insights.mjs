// End-to-end test of insights and notifications in Debian's chromium against a real postmeter on 127.0.0.1: a
// bounce-heavy real Postfix log (realpostfix), moved to end five minutes ago, is followed; the dashboard shows the
// high-bounce-rate insight; archiving and rating it survive a reload; its notification, and a test notification sent
// from Settings, reach a webhook recorder on 127.0.0.1. axe-core on the pages, and screenshots in the folder printed.
//
//   npm run build && dotnet build ../src/Postmeter.Server && node e2e/insights.mjs [POSTMETER] [SHOTS_DIR]
import { createServer } from 'node:http'
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

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The log with every syslog time moved by one amount, so that its last line is at `end` (UTC); nothing else changes. */
function shifted(text, end) {
  const lines = text.split('\n').filter((l) => l !== '')
  const parse = (line) => {
    const [, mon, day, h, m, s] = /^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d)/.exec(line)
    return Date.UTC(end.getUTCFullYear(), months.indexOf(mon), Number(day), Number(h), Number(m), Number(s))
  }
  const delta = end.getTime() - parse(lines[lines.length - 1])
  const pad = (n) => String(n).padStart(2, '0')
  return lines
    .map((line) => {
      const t = new Date(parse(line) + delta)
      const stamp = `${months[t.getUTCMonth()]} ${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
      return stamp + line.slice(15)
    })
    .join('\n')
    .concat('\n')
}

// The webhook: records every request it gets.
const received = []
const hook = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => {
    received.push({ headers: req.headers, body })
    res.writeHead(200).end('{}')
  })
})
await new Promise((resolve) => hook.listen(0, '127.0.0.1', resolve))
const hookUrl = `http://127.0.0.1:${hook.address().port}/postmeter`

const temp = mkdtempSync(join(tmpdir(), 'postmeter-insights-'))
const logs = join(temp, 'logs')
mkdirSync(logs)
const log = readFileSync(join(repo, 'tests/fixtures/realpostfix-bounce/maillog'), 'utf8')
writeFileSync(join(logs, 'mail.log'), shifted(log, new Date(Date.now() - 5 * 60_000)))
const defaults = {
  general: { public_url: 'https://postmeter.example.com/' },
  notifications: { webhooks: [{ url: hookUrl }] },
}
const server = await startServer(postmeter, [
  '-workspace',
  join(temp, 'ws'),
  '-watch_dir',
  logs,
  '-listen',
  '127.0.0.1:0',
  '--timezone',
  'UTC',
  '--default-settings',
  JSON.stringify(defaults),
])
const base = server.base
console.log(`postmeter at ${base}`)

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' })
const consoleProblems = []
const newPage = pageOpener(browser, consoleProblems)

async function signIn(page) {
  await page.goto(`${base}/login`)
  await page.fill('#email', admin.email)
  await page.fill('#password', admin.password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
}

try {
  const { context, page } = await newPage()
  await page.goto(`${base}/`)
  await page.waitForURL(/\/register$/)
  await page.fill('#name', admin.name)
  await page.fill('#email', admin.email)
  await page.fill('#password', admin.password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')

  // The engine walks the history, then finds the spike live: reload until the dashboard's feed shows it.
  const card = '.feed .insight[data-type=high_bounce_rate]'
  let shown = false
  for (let i = 0; i < 60 && !shown; i++) {
    await page.goto(`${base}/`)
    shown = await page
      .waitForSelector(card, { timeout: 2000 })
      .then(() => true)
      .catch(() => false)
  }
  check('the dashboard shows the high-bounce-rate insight', shown)
  const title = await page.textContent(`${card} .title`)
  check('it is titled as such', title?.trim() === 'High bounce rate', title ?? '')
  const text = (await page.textContent(`${card} .text`)) ?? ''
  check(
    'it says how many outbound recipients bounced',
    /% of outbound recipients bounced \(\d+ of \d+\)/.test(text),
    text,
  )
  const detective = await page.getAttribute(`${card} a.btn`, 'href')
  check('it opens the bounced messages in the detective', /status=bounced/.test(detective ?? ''), detective ?? '')
  await axe(page, 'dashboard with insights')

  // The Insights page: rate it useful, archive it; both survive a reload.
  await page.click('text=All insights →')
  await page.waitForURL(/\/insights/)
  const onPage = '.insights-page .insight[data-type=high_bounce_rate]'
  await page.waitForSelector(onPage)
  await axe(page, 'insights')
  await page.click(`${onPage} button:has-text("Useful")`)
  await page.waitForSelector(`${onPage} button[aria-pressed=true]:has-text("Useful")`)
  await page.click(`${onPage} button:has-text("Archive")`)
  await page.waitForSelector(`${onPage} .status.archived`)
  await page.reload()
  await page.waitForSelector('.insights-page .insight')
  check('an archived insight leaves the list of those not archived', (await page.$(onPage)) === null)
  await page.selectOption('#i-status', 'archived')
  await page.waitForSelector(`${onPage}:not([data-history])`)
  const archived = await page.$$eval(onPage, (cards) =>
    cards.map((c) => ({
      status: c.querySelector('.status')?.textContent?.trim(),
      useful: c.querySelector('button[aria-pressed=true]')?.textContent?.trim() ?? null,
      history: c.textContent?.includes('Found in the imported history') ?? false,
    })),
  )
  const live = archived.find((a) => !a.history)
  check(
    'after a reload it is archived and rated useful',
    live?.status === 'Archived' && /Useful/.test(live.useful ?? ''),
    JSON.stringify(archived),
  )
  check(
    'the history found the same spike, archived from the start',
    archived.some((a) => a.history),
    JSON.stringify(archived),
  )

  // Its notification reached the webhook, once.
  const notified = received.filter((r) => r.body.includes('"type":"high_bounce_rate"'))
  check('the webhook got the high-bounce-rate notification once', notified.length === 1, `${notified.length}`)
  check(
    'with a link to the insight',
    /"link":"https:\/\/postmeter.example.com\/insights\/\d+"/.test(notified[0]?.body ?? ''),
    notified[0]?.body ?? '',
  )

  // Settings: the channel's state and a test notification.
  await page.goto(`${base}/settings#notifications`)
  const row = '.channels tr[data-channel^="webhook-"]'
  await page.waitForSelector(row)
  check(
    'Settings shows when the webhook last got a notification',
    !/Never/.test((await page.textContent(`${row} td:nth-child(2)`)) ?? ''),
  )
  const before = received.length
  await page.click(`${row} button:has-text("Send a test")`)
  await page.waitForSelector(`${row} .result`)
  check('the test says it was delivered', (await page.textContent(`${row} .result`))?.trim() === 'Test delivered.')
  check(
    'the test notification reached the recorder',
    received.slice(before).some((r) => r.body.includes('"title":"Test notification"')),
  )
  await context.close()

  // Screenshots: the Insights page and the dashboard's feed, 1280 and 390 px, light and dark; Settings' channels.
  for (const width of [1280, 390]) {
    for (const scheme of ['light', 'dark']) {
      const { context: c, page: p } = await newPage({
        viewport: { width, height: width < 500 ? 844 : 900 },
        colorScheme: scheme,
      })
      await signIn(p)
      await p.goto(`${base}/insights?status=active`)
      await p.waitForSelector('.insights-page .insight')
      await checkNoSidewaysScroll(p, 'insights', width, scheme)
      await p.screenshot({ path: join(shots, `insights-${width}-${scheme}.png`), fullPage: true })
      await p.goto(`${base}/`)
      await p.waitForSelector('.feed')
      await p.waitForTimeout(800)
      await p.screenshot({ path: join(shots, `dashboard-feed-${width}-${scheme}.png`) })
      await p.goto(`${base}/settings#notifications`)
      await p.waitForSelector('.channels table')
      await (
        await p.$('#notifications')
      ).screenshot({ path: join(shots, `settings-notifications-${width}-${scheme}.png`) })
      await c.close()
    }
  }
  check('no script error or CSP violation in the console', consoleProblems.length === 0, consoleProblems.join('\n'))
} catch (e) {
  check('the run completes', false, e instanceof Error ? e.stack : String(e))
} finally {
  await browser.close()
  await server.stop()
  hook.close()
  rmSync(temp, { recursive: true, force: true })
}

console.log(`screenshots: ${shots}`)
finish()
