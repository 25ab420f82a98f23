/** The photos a step carries: how many, how large, and which types the server accepts. Pure. */

export const MAX_PHOTO_BYTES = 1024 * 1024
export const MAX_PHOTOS = 3
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp'

/** The image type from its first bytes (base64), or null when it is none the server accepts. */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The first bytes of base64 data (no atob: older WeChat base libraries lack it). */
function headBytes(base64: string, n: number): number[] {
  const out: number[] = []
  for (let i = 0; i + 3 < base64.length && out.length < n; i += 4) {
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => B64.indexOf(base64[i + k]))
    if (a < 0 || b < 0) break
    out.push((a << 2) | (b >> 4))
    if (c >= 0) out.push(((b & 15) << 4) | (c >> 2))
    if (d >= 0) out.push(((c & 3) << 6) | d)
  }
  return out.slice(0, n)
}

/** The image type from its first bytes (the same signatures the server checks), or null. */
export function photoTypeOf(base64: string): PhotoType | null {
  const b = headBytes(base64, 12)
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to))
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** Decoded size of base64 data, in bytes. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  return Math.floor((base64.length * 3) / 4) - padding
}
