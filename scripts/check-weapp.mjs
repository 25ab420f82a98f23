// Checks the weapp build as WeChat DevTools would load it (there is no DevTools on Linux): every
// page in app.json has its .js/.wxml/.json/.wxss, every usingComponents target exists, and the
// main package and each subpackage stay within budget. Exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';

export const BUDGET = { main: 512 * 1024, subpackage: 300 * 1024 };
// Run from the repository root (npm scripts do).
const root = path.resolve(process.cwd(), 'dist', 'weapp');

function dirSize(dir, skip = new Set()) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.has(path.relative(root, full))) continue;
    total += entry.isDirectory() ? dirSize(full, skip) : fs.statSync(full).size;
  }
  return total;
}

/** Sizes in bytes: { main, subpackages: { root: size } } — as the platform counts them. */
export function packageSizes() {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const subpackages = Object.fromEntries(subs.map((s) => [s, dirSize(path.join(root, s))]));
  return { main: dirSize(root, new Set(subs)), subpackages };
}

export function checkWeapp() {
  const problems = [];
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
  const pages = [...app.pages, ...(app.subPackages ?? app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  const checkComponents = (owner, json) => {
    for (const [name, target] of Object.entries(json.usingComponents ?? {})) {
      if (String(target).startsWith('plugin://')) continue;
      const base = String(target).startsWith('/') ? path.join(root, target) : path.resolve(path.dirname(path.join(root, owner)), target);
      if (!fs.existsSync(base + '.js') && !fs.existsSync(path.join(base, 'index.js'))) problems.push(`${owner}: component ${name} → ${target} missing`);
    }
  };
  checkComponents('app', app);
  for (const page of pages) {
    for (const ext of ['.js', '.wxml', '.json', '.wxss']) {
      if (!fs.existsSync(path.join(root, page + ext))) problems.push(`${page}${ext} missing`);
    }
    const jsonFile = path.join(root, page + '.json');
    if (fs.existsSync(jsonFile)) checkComponents(page, JSON.parse(fs.readFileSync(jsonFile, 'utf8')));
  }
  for (const tab of app.tabBar?.list ?? []) {
    if (!app.pages.includes(tab.pagePath)) problems.push(`tab page ${tab.pagePath} is not in the main package`);
    for (const icon of [tab.iconPath, tab.selectedIconPath].filter(Boolean)) {
      if (!fs.existsSync(path.join(root, icon))) problems.push(`tab icon ${icon} missing`);
    }
  }
  const sizes = packageSizes();
  if (sizes.main > BUDGET.main) problems.push(`main package ${sizes.main} B exceeds ${BUDGET.main} B`);
  for (const [sub, size] of Object.entries(sizes.subpackages)) {
    if (size > BUDGET.subpackage) problems.push(`subpackage ${sub} ${size} B exceeds ${BUDGET.subpackage} B`);
  }
  return { pages, sizes, problems };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { pages, sizes, problems } = checkWeapp();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`weapp: ${pages.length} pages; main package ${kb(sizes.main)} / ${kb(BUDGET.main)}`);
  for (const [sub, size] of Object.entries(sizes.subpackages)) console.log(`  subpackage ${sub}: ${kb(size)} / ${kb(BUDGET.subpackage)}`);
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(problems.length ? 1 : 0);
}
