// Builds every cloud function (cloudfunctions/<fn>/index.ts) into a JavaScript-only deploy folder
// build/cloudfunctions/<fn>/ — index.js with core/ and lib/ bundled in, wx-server-sdk left external
// (the platform installs it from package.json; bundling it would give each function a private copy
// of the SDK internals the local cloud hooks into). Also builds the local cloud server.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'cloudfunctions');
const out = path.join(root, 'build', 'cloudfunctions');
const SHARED = new Set(['core', 'lib']);
const sdkVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies['wx-server-sdk'];

export function functionNames() {
  return fs
    .readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !SHARED.has(d.name) && fs.existsSync(path.join(src, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  const names = functionNames();
  for (const name of names) {
    const dir = path.join(out, name);
    await build({
      entryPoints: [path.join(src, name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const pkg = { name: `jinlin-${name}`, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    const config = path.join(src, name, 'config.json');
    if (fs.existsSync(config)) fs.copyFileSync(config, path.join(dir, 'config.json'));
  }
  await build({
    entryPoints: [path.join(root, 'local', 'main.ts')],
    outfile: path.join(root, 'build', 'local', 'server.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  const sizes = names.map((n) => `${n} ${fs.statSync(path.join(out, n, 'index.js')).size} B`);
  console.log(`built functions: ${sizes.join(', ')}; local server: build/local/server.js`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
