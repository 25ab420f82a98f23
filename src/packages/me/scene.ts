/** The `scene` a QR code opened the page with (WeChat passes it URL-encoded), or ''. */
export function sceneOf(params: Record<string, string>): string {
  const raw = params.scene || params.code || params.id || ''
  try {
    return decodeURIComponent(raw).trim()
  } catch {
    return raw.trim()
  }
}
