// What the end-to-end runs share: counting checks, starting a real postmeter on 127.0.0.1, browser pages that
// collect script errors, and axe-core in light and dark.
import { AxeBuilder } from '@axe-core/playwright'
import { spawn } from 'node:child_process'

let passed = 0
let failed = 0

/** Counts one check and prints it: PASS, or FAIL with what was wrong. */
export function check(name, ok, detail = '') {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`)
}

/** Prints the total line CI reads and exits with the outcome. */
export function finish() {
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

/** Starts postmeter with these arguments and resolves with it and its address once it serves. */
export async function startServer(postmeter, args, env = {}) {
  const server = spawn(postmeter, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } })
  let log = ''
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`postmeter did not start:\n${log}`)), 60_000)
    server.stderr.on('data', (chunk) => {
      log += chunk
      const match = /serving the web application and API at (http:\/\/[^\s,]+)/.exec(log)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    server.on('exit', (code) => reject(new Error(`postmeter exited with ${code}:\n${log}`)))
  })
  return {
    base,
    log: () => log,
    async stop() {
      server.kill('SIGTERM')
      await new Promise((resolve) => server.on('exit', resolve))
    },
  }
}

/** A function that opens pages in new browser contexts, each recording script errors and CSP refusals in `problems`. */
export function pageOpener(browser, problems) {
  return async function newPage(options = {}) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
      acceptDownloads: true,
      ...options,
    })
    const page = await context.newPage()
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`))
    page.on('console', (m) => {
      // The browser logs every 4xx answer (the app asks /api/v1/auth/me whether anyone is signed in: 401; a weak
      // password: 422); those are answers. Script errors and CSP refusals ("Refused to …") are problems.
      if (
        m.type() === 'error' &&
        !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
      )
        problems.push(`${page.url()}: ${m.text()}`)
    })
    return { context, page }
  }
}

/** axe-core on the page as it is, in light and dark: serious and critical violations are failures. */
export async function axe(page, name) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForTimeout(150)
    const result = await new AxeBuilder({ page }).analyze()
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    check(
      `axe ${name} (${scheme}): no serious or critical violation`,
      bad.length === 0,
      bad.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes[0]?.target})`).join('; '),
    )
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Checks that the page as it is scrolls only up and down, never sideways. */
export async function checkNoSidewaysScroll(page, name, width, scheme) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  check(`${name} at ${width} px (${scheme}) has no horizontal scroll`, overflow <= 0, `${overflow}px`)
}
