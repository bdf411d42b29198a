// Screenshots of every page (1280 px and 390 px, light and dark) against a running postmeter, in Debian's chromium.
// node e2e/screenshots.mjs BASE_URL EMAIL PASSWORD OUT_DIR
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const [base = 'http://127.0.0.1:8089', email, password, out = '/tmp/ui-shots'] = process.argv.slice(2)
mkdirSync(`${out}/parts`, { recursive: true })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' })
const problems = []

async function session(width, scheme) {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    colorScheme: scheme,
    locale: 'en-US',
    timezoneId: 'UTC',
  })
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${width} ${scheme} console ${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`${width} ${scheme} page error: ${e.message}`))
  return { context, page }
}

async function shot(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  if (overflow > 0) problems.push(`${name}: horizontal overflow ${overflow}px`)
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true })
  console.log(`${out}/${name}.png`)
  // Parts of a long page at full size, to look at closely.
  if (process.env.PARTS) {
    const { width, height } = await page.evaluate(() => ({
      width: document.documentElement.clientWidth,
      height: document.documentElement.scrollHeight,
    }))
    const step = width < 500 ? 1400 : 1000
    for (let y = 0, i = 1; y < height && i <= 4; y += step, i++) {
      await page.screenshot({
        path: `${out}/parts/${name}-${i}.png`,
        fullPage: true,
        clip: { x: 0, y, width, height: Math.min(step, height - y) },
      })
    }
  }
}

for (const width of [1280, 390]) {
  for (const scheme of ['light', 'dark']) {
    const tag = `${width}-${scheme}`
    const { context, page } = await session(width, scheme)
    await page.goto(`${base}/`)
    await page.waitForURL(/\/(login|register)/)
    await shot(page, `login-${tag}`)
    await page.fill('#email', email)
    await page.fill('#password', password)
    await page.click('button[type=submit]')
    await page.waitForURL((u) => u.pathname === '/')
    await page.waitForSelector('[data-testid=tile-sent]')
    await page.waitForTimeout(1200)
    await shot(page, `dashboard-${tag}`)
    await page.goto(`${base}/detective?recipient=%40icloud.com`)
    await page.waitForSelector('.result')
    await page.locator('.result button[aria-expanded]').first().click()
    await page.waitForSelector('.log')
    await shot(page, `detective-${tag}`)
    const href = await page.locator('.result a.btn').first().getAttribute('href')
    await page.goto(`${base}${href}`)
    await page.waitForSelector('.timeline')
    await shot(page, `message-${tag}`)
    await page.goto(`${base}/detective?status=rejected`)
    await page.waitForSelector('.result')
    await shot(page, `detective-rejects-${tag}`)
    await page.goto(`${base}/settings`)
    await page.waitForSelector('#general-title')
    await shot(page, `settings-${tag}`)
    await page.goto(`${base}/no-such-page`)
    await shot(page, `not-found-${tag}`)
    await context.close()
  }
}
await browser.close()
if (problems.length) {
  console.log('PROBLEMS:\n' + problems.join('\n'))
}
