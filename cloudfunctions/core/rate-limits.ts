/**
 * How often one person may call an action (OWASP API4/API6: codes guessed by hand, creates in a
 * loop). A fixed window: calls are counted per person, action and window of `windowMs`, at most
 * `limit` in each, so any span of `windowMs` holds at most 2 × `limit` (the end of one window and
 * the start of the next). Pure: time is passed in. The counters live in `lib/rate-limit.ts`; the
 * rule of each action is one word in its function's route table (`createFunction(…, { limits })`).
 */
import { MINUTE } from './calendar';

export interface RateRule {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
}

/** The named rules an action picks from. */
export const RATE_RULES = {
  /** A code typed or scanned by hand (activity check-in/out, invitation, 楼栋码): a few tries a minute. */
  code: { limit: 6, windowMs: MINUTE },
  /** 核销 at a counter: staff enter one redemption code after another, guessing is still slow. */
  counter: { limit: 30, windowMs: MINUTE },
  /** Creating something others will see (a demand, a visit, an activity, an item, an invitation…). */
  create: { limit: 10, windowMs: MINUTE },
  /** Back-office creates (regions, households, units) typed one after another by staff. */
  backOffice: { limit: 60, windowMs: MINUTE },
  /** Photo uploads: six to a demand, a few demands in a row. */
  photo: { limit: 30, windowMs: MINUTE },
} as const satisfies Record<string, RateRule>;

export type RateRuleName = keyof typeof RATE_RULES;

/** The window `now` falls in: its number (for the counter's key), its end (for "try again at"). */
export function windowOf(now: Date, rule: RateRule): { index: number; endsAt: Date } {
  const index = Math.floor(now.getTime() / rule.windowMs);
  return { index, endsAt: new Date((index + 1) * rule.windowMs) };
}

/** Whole seconds until the window ends, at least 1: the wait the refusal names. */
export function secondsLeft(now: Date, rule: RateRule): number {
  return Math.max(1, Math.ceil((windowOf(now, rule).endsAt.getTime() - now.getTime()) / 1000));
}

/** The refusal's words: 「操作太频繁，请稍后再试」 and when. */
export function rateLimitedMessage(now: Date, rule: RateRule): string {
  const s = secondsLeft(now, rule);
  const wait = s <= 60 ? `${s} 秒` : `${Math.ceil(s / 60)} 分钟`;
  return `操作太频繁，请稍后再试（${wait}后可再次操作）`;
}
