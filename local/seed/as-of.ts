/**
 * Runs a dispatch action as a demo person at a given moment: the same handler, schema, rules and
 * store as a request, only with the clock set (the router takes `now` from the platform's clock,
 * which a request cannot set). The demo's history — submitted weeks ago, accepted late, resolved
 * in hours — is made this way, so every figure it shows is one the function computed.
 */
import type { FunctionModule, LocalCloud } from '../runtime';
import { actorOf } from '../../cloudfunctions/core/actor';
import { db } from '../../cloudfunctions/lib/cloud';
import type { ActionSpec, Ctx } from '../../cloudfunctions/lib/router';
import { parseInput } from '../../cloudfunctions/lib/validate';
import * as steps from '../../cloudfunctions/dispatch/steps';
import { submit } from '../../cloudfunctions/dispatch/submit';
import type { User } from '../../types/domain';

const ACTIONS = { ...steps, submit } as unknown as Record<string, ActionSpec<unknown, unknown>>;

export type DispatchAt = (openid: string, action: string, payload: Record<string, unknown>, at: Date) => Promise<{ _id: string }>;

export function dispatchAt(local: LocalCloud): DispatchAt {
  return async (openid, action, payload, at) => {
    const spec = ACTIONS[action];
    if (!spec) throw new Error(`seed: no dispatch action ${action}`);
    const fn: FunctionModule = {
      main: async () => {
        const user = (await db.collection('users').doc(openid).get<User>()).data;
        if (!user) throw new Error(`seed: no user ${openid}`);
        const ctx: Ctx = { openid, user, actor: actorOf(user), now: at };
        return spec.run(parseInput(spec.input, payload), ctx);
      },
    };
    try {
      return (await local.invoke(fn, {}, openid)).result as { _id: string };
    } catch (e) {
      throw new Error(`seed: dispatch.${action} as ${openid} at ${at.toISOString()}: ${(e as Error).message}`);
    }
  };
}
