// Fails when src/api/schema.d.ts is not what `npm run gen:api` makes of ../docs/openapi.json today, so that a changed
// endpoint breaks the UI's build (and then its type check) instead of its users.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import prettier from 'prettier'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const schemaPath = here('../src/api/schema.d.ts')
const dir = mkdtempSync(join(tmpdir(), 'postmeter-schema-'))
try {
  const fresh = join(dir, 'schema.d.ts')
  execFileSync(
    process.execPath,
    [here('../node_modules/openapi-typescript/bin/cli.js'), here('../../docs/openapi.json'), '-o', fresh],
    {
      stdio: 'ignore',
    },
  )
  const options = { ...(await prettier.resolveConfig(schemaPath)), filepath: schemaPath }
  const expected = await prettier.format(readFileSync(fresh, 'utf8'), options)
  if (expected !== readFileSync(schemaPath, 'utf8')) {
    console.error(
      'src/api/schema.d.ts is stale: docs/openapi.json changed. Run `npm run gen:api` and fix what no longer type-checks.',
    )
    process.exit(1)
  }
  console.log('src/api/schema.d.ts matches docs/openapi.json')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
