/**
 * Content security (WeChat 内容安全): every user text of an event is checked with
 * `security.msgSecCheck` v2 before the handler runs (the router calls `checkTexts`), and every
 * uploaded photo is sent to `security.mediaCheckAsync`, whose verdict arrives later as a
 * `wxa_media_check` message push (lib/photo-checks.ts). Through the SDK's cloud call (云调用), so
 * each function that checks declares the permission in its config.json. Locally the local cloud
 * answers these calls itself with a small word list (local/content-check.ts).
 */
import { cloud } from './cloud';
import { AppError } from './errors';
import type { FoundText, TextScene } from './validate';

export const CONTENT_REJECTED_MESSAGE = '内容含有违规信息，请修改后再提交';
const UNAVAILABLE_MESSAGE = '内容安全检查暂时不可用，请稍后再试';

/** msgSecCheck takes at most 2,500 characters a call. */
export const MAX_CHECKED_CHARS = 2500;

/** What msgSecCheck v2 answers through the cloud call (camelCase), as far as a decision needs. */
export interface MsgSecCheckResult {
  errCode?: number;
  result?: { suggest?: string; label?: number | string };
}

/** Error codes that mean "this content is risky" rather than "the check failed" (v1's 87014). */
const RISKY_ERRCODES = new Set([87014]);

/**
 * Pass only on `result.suggest === 'pass'` (v2 answers errCode 0 for risky content too; `review`
 * is refused as well: it would be shown before anyone reviewed it).
 */
export function passes(res: MsgSecCheckResult | null | undefined): boolean {
  return res?.result?.suggest === 'pass';
}

/** True when a thrown cloud-call error says the content itself was refused. */
export function isRiskyError(e: unknown): boolean {
  const code = Number((e as { errCode?: unknown } | null)?.errCode);
  return RISKY_ERRCODES.has(code);
}

interface SecurityApi {
  msgSecCheck(req: { openid: string; scene: TextScene; version: 2; content: string }): Promise<MsgSecCheckResult>;
  mediaCheckAsync(req: { openid: string; scene: TextScene; version: 2; mediaUrl: string; mediaType: 1 | 2 }): Promise<{ errCode?: number; traceId?: string }>;
}

const security = (): SecurityApi => (cloud as unknown as { openapi: { security: SecurityApi } }).openapi.security;

/**
 * Refuses (CONTENT_REJECTED) when any text is not `pass`. One call per distinct text, in parallel;
 * the caller's openid on each (v2 wants a person who used the mini-program in the last 2 h: the
 * caller just did). A check that fails for any other reason refuses too: unchecked text is never
 * stored.
 */
export async function checkTexts(openid: string, texts: FoundText[]): Promise<void> {
  const distinct = new Map<string, TextScene>();
  for (const t of texts) for (const piece of piecesOf(t.text)) if (!distinct.has(piece)) distinct.set(piece, t.scene);
  const verdicts = await Promise.all(
    [...distinct].map(async ([content, scene]) => {
      try {
        return passes(await security().msgSecCheck({ openid, scene, version: 2, content }));
      } catch (e) {
        if (isRiskyError(e)) return false;
        console.error('[content] msgSecCheck failed', (e as { errCode?: unknown })?.errCode ?? e);
        throw new AppError('INTERNAL', UNAVAILABLE_MESSAGE);
      }
    }),
  );
  if (verdicts.includes(false)) throw new AppError('CONTENT_REJECTED', CONTENT_REJECTED_MESSAGE);
}

/** A text in pieces the check accepts (schemas keep texts far shorter; this is the rule, not the case). */
function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += MAX_CHECKED_CHARS) pieces.push(text.slice(i, i + MAX_CHECKED_CHARS));
  return pieces;
}

/** Asks for an image's verdict (it arrives later as a push); returns the trace id that will name it. */
export async function requestImageCheck(openid: string, mediaUrl: string): Promise<string> {
  const res = await security().mediaCheckAsync({ openid, scene: 3, version: 2, mediaUrl, mediaType: 2 });
  if (!res?.traceId) throw new AppError('INTERNAL', UNAVAILABLE_MESSAGE);
  return res.traceId;
}
