/**
 * End-to-end fixture: starts the built local cloud (build/local/server.js serving dist/h5 and
 * build/cloudfunctions) on a free port with a fresh data folder, and Debian's Chromium through
 * playwright-core. `openAs(openid)` opens the app as a demo person, as the role switcher would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');

export interface App {
  url: string;
  browser: Browser;
  /** A new page (own storage) signed in as `openid`, at `route` (a hash route such as '/pages/me/index'). */
  openAs(openid: string | null, route?: string, options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  post(fn: string, body: Record<string, unknown>, openid: string): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  // Up to 60 s: seeding the demo county takes 15 s on a busy 2-core machine.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`local cloud exited: ${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`local cloud did not start: ${log()}`);
}

/**
 * `env` reaches the local cloud's process (and so the functions it runs): e.g. `JINLIN_SEED: '0'`
 * for an empty county and `JINLIN_SETUP_CODE` for its 初始化.
 */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<App> {
  for (const needed of ['build/local/server.js', 'build/cloudfunctions', 'dist/h5/index.html']) {
    if (!fs.existsSync(path.join(ROOT, needed))) throw new Error(`${needed} is missing: run the builds first (npm test does)`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-e2e-'));
  let output = '';
  const child = spawn(process.execPath, ['build/local/server.js'], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), JINLIN_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(`${url}api`, child, () => output);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  return {
    url,
    browser,
    async openAs(openid, route = '/pages/me/index', options = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 375, height: 812 }, locale: 'zh-CN' });
      if (openid) await context.addInitScript((id) => window.localStorage.setItem('jinlin.openid', id), openid);
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        output += `\n[pageerror] ${e.message}`;
      });
      await page.goto(`${url}#${route}`);
      return page;
    },
    async post(fn, body, openid) {
      const res = await fetch(`${url}api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(body) });
      return res.json();
    },
    async close() {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
