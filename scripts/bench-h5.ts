/**
 * The H5 build's first screen as a browser receives it: the built local cloud serves dist/h5
 * (compressed, cached), Chromium opens the app as a resident on the first tab, and every response
 * of that load is counted — bytes on the wire (what the connection carried, after br/gzip) and
 * bytes decoded. A second load in the same browser shows what the cache saves. Called once from
 * scripts/bench.ts after the H5 build.
 */
import type { Page, Response } from 'playwright-core';
import { startApp } from '../test/e2e/browser';

/** Bytes on the wire for the first screen's static files (JS, CSS, the page, icons). */
export const FIRST_SCREEN_BUDGET = 200 * 1024;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

interface Load {
  requests: number;
  wire: number;
  decoded: number;
  api: number;
}

async function load(page: Page, go: () => Promise<unknown>): Promise<Load> {
  const responses: Response[] = [];
  const listen = (r: Response) => responses.push(r);
  page.on('response', listen);
  await go();
  // The first screen is drawn when the tab's own content is there, not when the shell is.
  await page.getByText('我要反映').first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  page.off('response', listen);
  const out: Load = { requests: 0, wire: 0, decoded: 0, api: 0 };
  for (const r of responses) {
    if (new URL(r.url()).pathname.startsWith('/api/')) {
      out.api += 1;
      continue;
    }
    const sizes = await r.request().sizes();
    const body = r.status() === 304 ? 0 : (await r.body().catch(() => Buffer.alloc(0))).length;
    out.requests += 1;
    // A file taken from the browser's cache reports -1: nothing crossed the connection.
    out.wire += Math.max(0, sizes.responseBodySize);
    out.decoded += body;
  }
  return out;
}

export async function benchH5(failures: string[]): Promise<string> {
  const app = await startApp();
  try {
    const context = await app.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    await context.addInitScript(() => window.localStorage.setItem('jinlin.openid', 'demo-resident-wang'));
    const page = await context.newPage();
    const first = await load(page, () => page.goto(`${app.url}#/pages/dispatch/index`));
    const second = await load(page, () => page.reload());
    const ok = first.wire <= FIRST_SCREEN_BUDGET;
    if (!ok) failures.push(`H5 first screen ${kb(first.wire)} on the wire, budget ${kb(FIRST_SCREEN_BUDGET)}`);
    const row = (name: string, l: Load, budget: string, mark: string) => `| ${name} | ${l.requests} | ${kb(l.decoded)} | ${kb(l.wire)} | ${l.api} | ${budget} | ${mark} |`;
    return [
      'A resident opens 诉求 (the first tab) in Chromium (375 × 812), served by the built local cloud. Static files only; the API calls are counted apart. "On the wire" is what the connection carried after compression (br for Chromium); a reload revalidates the page and takes the hashed chunks from the cache.',
      '',
      '| load | static requests | decoded | on the wire | API calls | budget (wire) |  |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      row('first visit', first, kb(FIRST_SCREEN_BUDGET), ok ? 'ok' : 'OVER'),
      row('reload', second, '—', ''),
    ].join('\n');
  } finally {
    await app.close();
  }
}
