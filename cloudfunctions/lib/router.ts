/**
 * A thin action router: `main(event)` picks the action, validates the event with the action's
 * schema, establishes the caller from the platform context (and the database, for roles), runs
 * the handler and returns the envelope. Handlers throw AppError to refuse; anything else is logged
 * and answered as INTERNAL without details.
 */
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../types/api';
import type { User } from '../../types/domain';
import type { Envelope } from '../../types/errors';
import { actorOf, type Actor } from '../core/actor';
import { RATE_RULES, type RateRuleName } from '../core/rate-limits';
import { callerOpenid, db } from './cloud';
import { checkTexts } from './content';
import { AppError } from './errors';
import * as z from 'zod';
import { countCall } from './rate-limit';
import { checkEventShape, parseInput, userTextPaths, userTextsOf } from './validate';

/** What a handler knows about the call. */
export interface Ctx {
  openid: string;
  /** The caller's user record; only for actions with `caller: 'user'` (the default). */
  user: User;
  /** The caller as every rule sees them (core/actor.ts), from `user`; same availability. */
  actor: Actor;
  /** The time of the call, taken once so that one action sees one clock. */
  now: Date;
}

export interface ActionSpec<I, R> {
  input: z.ZodType<I>;
  /** 'openid': anyone the platform identifies; 'user' (default): a registered user. */
  caller?: 'openid' | 'user';
  run(input: I, ctx: Ctx): Promise<R>;
}

export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: ActionSpec<RequestOf<F, A>, ResponseOf<F, A>>;
};

/** The function's configuration beside its route table. */
export interface FunctionOptions<F extends FunctionName> {
  /** Action → its rate rule (core/rate-limits.ts), counted per caller before the handler runs. */
  limits?: Partial<Record<ActionName<F>, RateRuleName>>;
}

/** Keys the platform adds to an event from the mini-program; they are never trusted or validated. */
const PLATFORM_KEYS = ['userInfo'];

export function createFunction<F extends FunctionName>(name: F, actions: Handlers<F>, options: FunctionOptions<F> = {}) {
  const specs = actions as unknown as Record<string, ActionSpec<unknown, unknown>>;
  const limits = (options.limits ?? {}) as Record<string, RateRuleName>;

  async function main(event: Record<string, unknown>): Promise<Envelope<unknown>> {
    let action = '';
    try {
      // Depth and size first: nothing below may copy or walk an event of any shape.
      if (event && typeof event === 'object') checkEventShape(event);
      action = typeof event?.action === 'string' ? event.action : '';
      // Own keys only: `constructor`, `toString`, `__proto__` name no action.
      const spec = Object.prototype.hasOwnProperty.call(specs, action) ? specs[action] : undefined;
      // A fixed message: the client's text is never echoed back.
      if (!spec) throw new AppError('UNKNOWN_ACTION', action ? '未知的操作' : '请求缺少操作名称（action）');
      const openid = callerOpenid();
      if (!openid) throw new AppError('UNAUTHENTICATED', '无法识别您的身份，请在微信中重新打开小程序');
      const payload: Record<string, unknown> = { ...event };
      delete payload.action;
      for (const key of PLATFORM_KEYS) delete payload[key];
      const input = parseInput(spec.input, payload);
      const now = new Date();
      // Counted before anything is read, so a flood costs a counter write and nothing more.
      const rule = Object.prototype.hasOwnProperty.call(limits, action) ? limits[action] : undefined;
      if (rule) await countCall(`${name}.${action}`, openid, RATE_RULES[rule], now);
      let user = null as unknown as User;
      if ((spec.caller ?? 'user') === 'user') {
        const found = (await db.collection('users').doc(openid).get<User>()).data;
        if (!found) throw new AppError('NOT_REGISTERED', '您还没有注册，请先在「我的」页面完成注册');
        user = found;
      }
      // Every userText field, checked in one place before the handler: text that fails is never stored.
      const texts = userTextsOf(spec.input, input);
      if (texts.length) await checkTexts(openid, texts);
      const actor = user ? actorOf(user) : (null as unknown as Actor);
      const data = await spec.run(input, { openid, user, actor, now });
      return { ok: true, data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } };
      console.error(`[${name}.${action.slice(0, 64)}]`, e);
      return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } };
    }
  }

  /** Action name → JSON schema of its input, for `GET /api` in the local cloud. */
  function describe(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [action, spec] of Object.entries(specs)) {
      const texts = userTextPaths(spec.input);
      out[action] = {
        caller: spec.caller ?? 'user',
        ...(texts.length ? { userText: texts } : {}),
        ...(limits[action] ? { rateLimit: { rule: limits[action], ...RATE_RULES[limits[action]] } } : {}),
        input: z.toJSONSchema(spec.input, { unrepresentable: 'any' }),
      };
    }
    return out;
  }

  return { main, describe };
}
