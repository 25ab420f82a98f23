/**
 * The local cloud server: one process on 127.0.0.1 that serves the H5 build and runs the built
 * cloud functions against the embedded database.
 *
 *   POST /api/<function>   { action, ...payload } → the function's envelope; caller from `x-openid`
 *   GET  /api              every function and action with its input schema
 *   GET  /api/dev/users    the demo people with their openids and roles (local mode only)
 *   GET  /api/dev/outbox   subscribe messages sent so far
 *   GET  /files/<path>     files in local cloud storage
 *   GET  /*                the H5 app (dist/h5)
 *
 * Environment: PORT (default 8787), HOST (default 127.0.0.1), JINLIN_DATA (default .data),
 * JINLIN_WEB (default dist/h5), JINLIN_FUNCTIONS (default build/cloudfunctions).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import collections from '../deploy/collections.json';
import { EDGE_MESSAGES, EVENT_LIMITS } from '../types/errors';
import { LocalCloud, type FunctionModule } from './runtime';
import { DEMO_PEOPLE } from './seed/demo-county';
import { contentType, sendStatic } from './static';
import { seedDemoCounty } from './seed/seed';

/** A 1 MB photo travels as ~1.37 MB of base64 inside the JSON body; the router's limit is the same. */
const MAX_BODY = EVENT_LIMITS.size;
/**
 * An oversized body is read to its end and dropped, so the 413 reaches a client still sending
 * (closing on unread data would reset the connection instead); past this, the socket is closed.
 */
const MAX_DRAINED = 8 * MAX_BODY;

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  webDir: string;
  functionsDir: string;
  /** Function modules to serve instead of loading functionsDir (tests pass the TypeScript sources). */
  functions?: Record<string, FunctionModule>;
  /** Seed the demo county at start (idempotent). */
  seed: boolean;
}

export function loadFunctions(dir: string): Record<string, FunctionModule> {
  const out: Record<string, FunctionModule> = {};
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const entry = path.join(dir, name, 'index.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (fs.existsSync(entry)) out[name] = require(path.resolve(entry)) as FunctionModule;
  }
  return out;
}

export async function startServer(opts: ServerOptions): Promise<{ server: http.Server; local: LocalCloud; url: string }> {
  const local = LocalCloud.open({ dataDir: opts.dataDir, collections: collections.collections as never });
  if (opts.seed) await seedDemoCounty(local);
  const functions = opts.functions ?? loadFunctions(opts.functionsDir);
  const stopTimers = startTimers(local, functions);

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[local cloud]', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let p: string;
    try {
      p = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: EDGE_MESSAGES.BAD_URL } });
    }
    if (p === '/api' && req.method === 'GET') {
      const list = Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, { actions: fn.describe?.() ?? {} }]));
      return sendJson(res, 200, { ok: true, data: { functions: list } });
    }
    if (p === '/api/dev/users' && req.method === 'GET') {
      const users = DEMO_PEOPLE.map((d) => ({ openid: d.openid, name: d.name, roles: d.roles, label: d.label }));
      return sendJson(res, 200, { ok: true, data: users });
    }
    if (p === '/api/dev/outbox' && req.method === 'GET') return sendJson(res, 200, { ok: true, data: local.outbox() });
    const call = /^\/api\/([a-z][\w-]*)$/.exec(p);
    if (call && req.method === 'POST') {
      // Own keys only: `constructor` or `__proto__` is no function. The name is not echoed.
      const fn = Object.hasOwn(functions, call[1]) ? functions[call[1]] : undefined;
      if (!fn) {
        req.resume();
        return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_ACTION', message: '没有这个云函数' } });
      }
      const body = await readBody(req);
      if (body === TOO_LARGE) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: EDGE_MESSAGES.PAYLOAD_TOO_LARGE } });
      }
      let event: unknown;
      try {
        event = JSON.parse(body || '{}');
      } catch {
        return sendJson(res, 200, { ok: false, error: { code: 'INVALID_INPUT', message: EDGE_MESSAGES.NOT_JSON } });
      }
      if (!event || typeof event !== 'object' || Array.isArray(event)) {
        return sendJson(res, 200, { ok: false, error: { code: 'INVALID_INPUT', message: EDGE_MESSAGES.NOT_OBJECT } });
      }
      const openid = header(req, 'x-openid');
      const { result, counts } = await local.invoke(fn, event as Record<string, unknown>, openid);
      res.setHeader('x-db-reads', String(counts.read));
      res.setHeader('x-db-writes', String(counts.write));
      res.setHeader('x-db-transactions', String(counts.transaction));
      return sendJson(res, 200, result);
    }
    if (p.startsWith('/api')) {
      req.resume(); // a body nobody reads is dropped, so the answer is not cut off by a reset
      return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_ACTION', message: '没有这个接口' } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '不支持的请求方法' } });
    if (p.startsWith('/files/')) {
      let file: string;
      try {
        file = local.filePath(p.slice('/files/'.length));
      } catch {
        return sendText(res, 404, 'not found');
      }
      return sendFile(res, file);
    }
    const web = path.resolve(opts.webDir);
    const file = path.resolve(web, '.' + p);
    if (!file.startsWith(web)) return sendText(res, 404, 'not found');
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return sendStatic(req, res, file);
    // The app is hash-routed, so only a path without a file extension is the page; a missing
    // file (an old chunk, /favicon.ico of a build without one) is a 404, never the HTML.
    if (path.extname(p)) return sendText(res, 404, 'not found');
    const page = path.join(web, 'index.html');
    if (!fs.existsSync(page)) return sendText(res, 404, 'not found — run `npm run build:h5` first');
    return sendStatic(req, res, page);
  }

  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  server.on('close', () => {
    stopTimers();
    local.close();
  });
  return { server, local, url: `http://${opts.host}:${port}/` };
}

/**
 * Timer triggers, as CloudBase runs them from deploy/functions.ts: locally every second rather
 * than every minute, so that a queued subscribe message reaches the outbox at once.
 */
/**
 * Timer functions and how often the local cloud runs them (CloudBase runs them on their cron).
 * Faster than in production so a person trying the app sees messages at once; each job is cheap
 * when there is nothing to do.
 */
const TIMER_FUNCTIONS: Record<string, number> = { notify: 1000, scorecards: 60_000, visits: 60_000, points: 1000, exports: 600_000 };

function startTimers(local: LocalCloud, functions: Record<string, FunctionModule>): () => void {
  const timers = Object.entries(TIMER_FUNCTIONS).filter(([name]) => functions[name]).map(([name, every]) => {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        await local.trigger(functions[name], `${name}-timer`);
      } catch (e) {
        console.error(`[timer ${name}]`, e);
      } finally {
        running = false;
      }
    };
    void run(); // once at start, so a fresh local cloud has its month's documents at once
    const t = setInterval(run, every);
    t.unref();
    return t;
  });
  // WeChat pushes image verdicts (wxa_media_check) to the function its 消息推送 names: dispatch.
  if (functions.dispatch) {
    const push = setInterval(() => local.deliverMediaVerdicts(functions.dispatch).catch((e) => console.error('[media verdicts]', e)), 1000);
    push.unref();
    timers.push(push);
  }
  return () => timers.forEach((t) => clearInterval(t));
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : null;
}

const TOO_LARGE = Symbol('too large');

/** The body as text, or TOO_LARGE once it passes MAX_BODY (the rest is read and dropped). */
function readBody(req: http.IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_DRAINED) {
      resolve(TOO_LARGE);
      req.resume();
      return;
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > MAX_DRAINED) {
        resolve(TOO_LARGE);
        req.destroy();
      }
    });
    req.on('end', () => resolve(size > MAX_BODY ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function sendFile(res: http.ServerResponse, file: string) {
  if (!fs.existsSync(file)) return sendText(res, 404, 'not found');
  res.writeHead(200, { 'content-type': contentType(file) });
  fs.createReadStream(file).pipe(res);
}
