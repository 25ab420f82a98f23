/**
 * Photo bytes that arrive as a URL: in WeChat the mini-program marks a photo with
 * `wx.cloud.CDN({ type: 'filePath', … })`, the platform uploads it to a temporary CDN and the
 * function receives an https URL instead of the bytes (WeChat advises this above ~100–256 KB,
 * as base64 through callFunction is slow and near the transport's limit).
 *
 * The function then fetches a URL a client chose, so the fetch is held tight (OWASP SSRF):
 * https only, the host must end with one of the CDN domains (PHOTO_CDN_HOSTS overrides the
 * default list, comma-separated), no IP literals, no redirects, a time limit, and the body is
 * cut off past the size limit instead of being read whole.
 */
import { refuse } from '../lib/errors';

/** Tencent Cloud storage / CDN domains that serve CloudBase temporary files. */
const DEFAULT_HOSTS = ['.tcb.qcloud.la', '.myqcloud.com', '.qcloud.la'];
const TIMEOUT_MS = 8000;

export function allowedHosts(env: string | undefined = process.env.PHOTO_CDN_HOSTS): string[] {
  const list = (env ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return list.length ? list : DEFAULT_HOSTS;
}

/** Whether the function may fetch this URL: https, a CDN host by suffix, never an address. */
export function isAllowedPhotoUrl(raw: string, hosts: string[] = allowedHosts()): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return false;
  return hosts.some((suffix) => (suffix.startsWith('.') ? host.endsWith(suffix) && host.length > suffix.length : host === suffix));
}

/** Fetches a photo from the temporary CDN, at most `max` bytes. */
export async function fetchPhoto(raw: string, max: number): Promise<Buffer> {
  if (!isAllowedPhotoUrl(raw)) {
    // The host only (never the whole URL): what an operator needs to extend PHOTO_CDN_HOSTS.
    console.warn('[photo] refused a CDN URL on host', hostOf(raw));
    throw refuse.invalid('照片地址无效，请重新选择照片');
  }
  let res: Response;
  try {
    res = await fetch(raw, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw refuse.invalid('照片没有传上来，请重试');
  }
  if (!res.ok || !res.body) throw refuse.invalid('照片没有传上来，请重试');
  if (Number(res.headers.get('content-length') ?? 0) > max) throw refuse.invalid('照片不能超过 1 MB，请压缩后再传');
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw refuse.invalid('照片不能超过 1 MB，请压缩后再传');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).hostname;
  } catch {
    return '(not a URL)';
  }
}
