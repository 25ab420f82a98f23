/**
 * The H5 build's files as a static host serves them in production: compressed when the browser
 * accepts it (br before gzip), hashed assets cached for a year, the page itself revalidated on
 * every load so a new build is picked up at once, and a missing file a 404 rather than the page.
 *
 * Compression is done once per file version (path, size, mtime) and kept in memory: the build
 * is a few MB at most, and a person clicking through the app asks for the same chunks again.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Text types shrink several times; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.svg', '.ttf', '.ico']);

/** Webpack's `[name].[contenthash:8].ext`: the name changes whenever the content does. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;

export const contentType = (file: string): string => TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the request accepts (`q=0` refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function cacheControl(file: string): string {
  return HASHED.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

interface Variant {
  key: string;
  etag: string;
  bodies: Partial<Record<Encoding, Buffer>>;
}

const variants = new Map<string, Variant>();

function variant(file: string, stat: fs.Stats): Variant {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const known = variants.get(file);
  if (known?.key === key) return known;
  const fresh: Variant = { key, etag: `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`, bodies: {} };
  variants.set(file, fresh);
  return fresh;
}

function body(file: string, v: Variant, encoding: Encoding): Buffer {
  const cached = v.bodies[encoding];
  if (cached) return cached;
  const raw = v.bodies.identity ?? fs.readFileSync(file);
  v.bodies.identity = raw;
  const out =
    encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : encoding === 'gzip'
        ? zlib.gzipSync(raw, { level: 9 })
        : raw;
  v.bodies[encoding] = out;
  return out;
}

/** Answers GET/HEAD for `file` (which exists and is a file). */
export function sendStatic(req: http.IncomingMessage, res: http.ServerResponse, file: string): void {
  const stat = fs.statSync(file);
  const v = variant(file, stat);
  const compressible = COMPRESSIBLE.has(path.extname(file).toLowerCase());
  const encoding = compressible ? pickEncoding(req.headers['accept-encoding'] as string | undefined) : 'identity';
  const headers: Record<string, string> = { 'content-type': contentType(file), 'cache-control': cacheControl(file), etag: v.etag };
  if (compressible) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === v.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const bytes = body(file, v, encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(bytes.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
