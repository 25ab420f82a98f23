/**
 * Fixtures for function tests: a fresh local cloud seeded with the demo county, and a typed
 * `call` that invokes a function's TypeScript source as a given caller, like the HTTP API does.
 */
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../types/api';
import type { Envelope } from '../../types/errors';
import type { FunctionModule, LocalCloud, RequestCounts } from '../../local/runtime';
import { seedDemoCounty } from '../../local/seed/seed';
import { openTestCloud } from '../local/helpers';

export { DEMO_PEOPLE } from '../../local/seed/demo-county';

/** Demo openids by role, for readable tests. */
export const PEOPLE = {
  resident: 'demo-resident-wang',
  residentXimen: 'demo-resident-li',
  member: 'demo-member-zhang',
  memberWeijian: 'demo-member-liu',
  liaison: 'demo-liaison-renshe',
  staff: 'demo-staff-dongjie',
  gridWorker: 'demo-grid-dongjie',
  staffXimen: 'demo-staff-ximen',
  secretary: 'demo-secretary-dongjie',
  admin: 'demo-admin',
} as const;

/** The functions built so far, loaded from their TypeScript sources. */
const modules: Partial<Record<FunctionName | 'notify' | 'scorecards', () => FunctionModule>> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  org: () => require('../../cloudfunctions/org/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  dispatch: () => require('../../cloudfunctions/dispatch/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  visits: () => require('../../cloudfunctions/visits/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  points: () => require('../../cloudfunctions/points/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  imports: () => require('../../cloudfunctions/imports/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  exports: () => require('../../cloudfunctions/exports/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wishes: () => require('../../cloudfunctions/wishes/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  projects: () => require('../../cloudfunctions/projects/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  posts: () => require('../../cloudfunctions/posts/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stats: () => require('../../cloudfunctions/stats/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  notify: () => require('../../cloudfunctions/notify/index'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  scorecards: () => require('../../cloudfunctions/scorecards/index'),
};

export interface Harness {
  local: LocalCloud;
  /** Calls `fn.action` as `openid` and returns the raw envelope. */
  call<F extends FunctionName, A extends ActionName<F>>(
    openid: string | null,
    fn: F,
    action: A,
    payload?: RequestOf<F, A> | Record<string, unknown>,
  ): Promise<Envelope<ResponseOf<F, A>>>;
  /** Like call, but returns the data and fails the test on a refusal. */
  ok<F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, payload?: RequestOf<F, A>): Promise<ResponseOf<F, A>>;
  /** Calls with a raw event (for malformed input) and returns the envelope with request counts. */
  raw(openid: string | null, fn: FunctionName, event: Record<string, unknown>): Promise<{ result: Envelope<unknown>; counts: RequestCounts }>;
  /** Runs the notify function as its timer would until no job is left pending, sending queued subscribe messages. */
  drainNotifications(): Promise<void>;
  /** Runs the scorecards function as its nightly timer would; returns its envelope. */
  openScorecards(openid?: string | null): Promise<Envelope<{ months: string[]; created: number; pruned: { documents: number; buckets: number } }>>;
  close(): void;
}

export async function openHarness(): Promise<Harness> {
  const local = openTestCloud();
  await seedDemoCounty(local, new Date('2026-11-01T09:00:00+08:00'), { withDemands: false });
  const raw: Harness['raw'] = async (openid, fn, event) => {
    const load = modules[fn];
    if (!load) throw new Error(`no function ${fn} in the harness`);
    const { result, counts } = await local.invoke(load(), event, openid);
    return { result: result as Envelope<unknown>, counts };
  };
  const call: Harness['call'] = async (openid, fn, action, payload = {}) =>
    (await raw(openid, fn, { ...(payload as object), action })).result as never;
  return {
    local,
    call,
    raw,
    async ok(openid, fn, action, payload) {
      const res = await call(openid, fn, action, payload);
      if (!res.ok) throw new Error(`${fn}.${String(action)} as ${openid} refused: ${res.error.code} ${res.error.message}`);
      return res.data;
    },
    async drainNotifications() {
      // A run sends a batch of jobs: run again while any is left pending (a few runs at most).
      for (let i = 0; i < 20; i++) {
        await local.trigger(modules.notify!(), 'notify-timer');
        if (!local.db.store.all('notifications').some((j) => j.status === 'pending')) return;
      }
    },
    async openScorecards(openid = null) {
      const scorecards = modules.scorecards!();
      // With an openid: a client's call, which the timer function refuses.
      return (openid ? await local.invoke(scorecards, { Type: 'Timer' }, openid) : await local.trigger(scorecards, 'scorecards-timer')).result as never;
    },
    close: () => local.close(),
  };
}

/** A snapshot of every collection, to prove that a refused call changed nothing. */
export function snapshot(local: LocalCloud): string {
  const store = local.db.store;
  return JSON.stringify(store.collectionNames().map((c) => [c, store.all(c)]));
}
