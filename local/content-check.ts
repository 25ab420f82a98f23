/**
 * The local cloud's answers to WeChat's content security calls (`security.msgSecCheck` v2,
 * `security.mediaCheckAsync` v2), in their cloud-call shapes, so the product's path is the same
 * locally as live. A small word list stands in for WeChat's models: a text containing a listed
 * word is `risky`; an image whose bytes contain one (e.g. in a PNG text chunk) is `risky` too.
 * Requests are checked as live checks them (version 2, an openid, scene 1–4, ≤ 2,500 characters).
 */
import { randomBytes } from 'node:crypto';

/** Words the local check refuses. Tests and demos use these to see a refusal. */
export const LISTED_WORDS = ['违禁词', '赌博', '代开发票', '办假证', '枪支弹药'] as const;

/** One call the product made, as the seam received it (tests read these: who, which scene). */
export interface ContentCall {
  api: 'msgSecCheck' | 'mediaCheckAsync';
  openid: string;
  scene: number;
  version: number;
  content?: string;
  mediaUrl?: string;
  traceId: string;
}

/** A live-shaped failure of a cloud call: wx-server-sdk rejects with errCode and errMsg. */
function callError(api: string, errCode: number, why: string): Error {
  return Object.assign(new Error(`errCode: ${errCode} | errMsg: openapi.security.${api}:fail ${why}`), { errCode, errMsg: `openapi.security.${api}:fail ${why}` });
}

/** A trace id in WeChat's format (8-8-8 hex). */
export const newTraceId = () => [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');

function checkRequest(api: ContentCall['api'], req: Record<string, unknown>): void {
  if (req.version !== 2) throw callError(api, 47001, 'version must be 2');
  if (typeof req.openid !== 'string' || !req.openid) throw callError(api, 40003, 'invalid openid');
  if (![1, 2, 3, 4].includes(req.scene as number)) throw callError(api, 40097, 'invalid scene');
}

const listedIn = (text: string) => LISTED_WORDS.find((w) => text.includes(w));

/** msgSecCheck v2: errCode 0 whatever the verdict; the verdict is `result.suggest`. */
export function answerMsgSecCheck(req: Record<string, unknown>): { call: ContentCall; response: Record<string, unknown> } {
  checkRequest('msgSecCheck', req);
  const content = req.content;
  if (typeof content !== 'string' || !content) throw callError('msgSecCheck', 47001, 'content required');
  if (content.length > 2500) throw callError('msgSecCheck', 47001, 'content too long');
  const traceId = newTraceId();
  const word = listedIn(content);
  const result = word ? { suggest: 'risky', label: 20006 } : { suggest: 'pass', label: 100 };
  return {
    call: { api: 'msgSecCheck', openid: req.openid as string, scene: req.scene as number, version: 2, content, traceId },
    response: {
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
      traceId,
      result,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: result.suggest, label: result.label, prob: 90, ...(word ? { keyword: word } : {}) }],
    },
  };
}

/** mediaCheckAsync v2: only a trace id now; the verdict is pushed later (`mediaVerdictEvent`). */
export function answerMediaCheck(req: Record<string, unknown>): { call: ContentCall; response: Record<string, unknown> } {
  checkRequest('mediaCheckAsync', req);
  if (typeof req.mediaUrl !== 'string' || !req.mediaUrl) throw callError('mediaCheckAsync', 47001, 'mediaUrl required');
  if (req.mediaType !== 1 && req.mediaType !== 2) throw callError('mediaCheckAsync', 47001, 'invalid mediaType');
  const traceId = newTraceId();
  return {
    call: { api: 'mediaCheckAsync', openid: req.openid as string, scene: req.scene as number, version: 2, mediaUrl: req.mediaUrl, traceId },
    response: { errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok', traceId },
  };
}

/** The `wxa_media_check` push for an image's bytes, as WeChat sends it to the receiving function. */
export function mediaVerdictEvent(call: ContentCall, bytes: Buffer | null, now: Date): Record<string, unknown> {
  // A file that cannot be fetched is not passed (WeChat cannot see it either).
  const risky = !bytes || LISTED_WORDS.some((w) => bytes.includes(Buffer.from(w, 'utf8')));
  const result = risky ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 };
  return {
    ToUserName: 'gh_local',
    FromUserName: call.openid,
    CreateTime: Math.floor(now.getTime() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'local-appid',
    trace_id: call.traceId,
    version: 2,
    result,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: result.suggest, label: result.label, prob: 90 }],
  };
}
