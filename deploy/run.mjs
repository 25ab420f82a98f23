#!/usr/bin/env node
// Run a TypeScript entry point: `node deploy/run.mjs deploy/deploy.ts [args…]`.
// Node 20 cannot strip types itself, so the entry is bundled with esbuild (dependencies left
// external, resolved from this repository's node_modules) into node_modules/.cache and imported.
// The entry sees process.argv as [node, <entry.ts>, args…].
import { build } from 'esbuild'
import { createRequire } from 'node:module'
import { mkdirSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const [entry, ...args] = process.argv.slice(2)
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node deploy/run.mjs <entry.ts> [args…]')
  process.exit(2)
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = resolve(process.cwd(), entry)
const outDir = join(root, 'node_modules', '.cache', 'jinlin-run')
mkdirSync(outDir, { recursive: true })
const outfile = join(outDir, `${basename(source, '.ts')}-${process.pid}.mjs`)

await build({
  entryPoints: [source],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // A package's JSON data (chinese-days' holiday years) is bundled: Node 20 refuses to import JSON
  // without an import attribute, which an external import would need.
  plugins: [
    {
      name: 'bundle-package-json',
      setup(b) {
        const require = createRequire(join(root, 'package.json'))
        b.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: require.resolve(args.path) }))
      },
    },
  ],
  sourcemap: 'inline',
  logLevel: 'warning',
})

process.argv = [process.argv[0], source, ...args]
try {
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(outfile, { force: true }) // loaded already; the entry's async work goes on
}
