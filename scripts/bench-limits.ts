/**
 * What content security and the rate limits add to a call, in the benchmark: the database requests
 * of a rate-limit counter (admitted, the first call of a window, refused), measured in the local
 * cloud, and per action the rule and the user-text fields that each cost one msgSecCheck call
 * (a call to WeChat, no database request). The other tables measure actions with the limits off, so
 * their figures are the action's own work; add these. Called once from scripts/bench.ts; also runs
 * alone (`node deploy/run.mjs scripts/bench-limits.ts`) and prints its table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import collections from '../deploy/collections.json';
import type { RateRule } from '../cloudfunctions/core/rate-limits';
import { countCall } from '../cloudfunctions/lib/rate-limit';
import * as dispatchFn from '../cloudfunctions/dispatch/index';
import * as orgFn from '../cloudfunctions/org/index';
import * as pointsFn from '../cloudfunctions/points/index';
import * as visitsFn from '../cloudfunctions/visits/index';
import { LocalCloud, type FunctionModule, type RequestCounts } from '../local/runtime';
import { table } from './bench-table';

const FUNCTIONS: Record<string, FunctionModule> = { org: orgFn, dispatch: dispatchFn, points: pointsFn, visits: visitsFn };

const fmt = (c: RequestCounts) => `${c.read} / ${c.write}`;

/** The counter's requests in each case, with the limits on (as deployed). */
async function counterCosts(local: LocalCloud): Promise<(string | number)[][]> {
  const saved = process.env.JINLIN_RATE_LIMITS;
  delete process.env.JINLIN_RATE_LIMITS;
  try {
    const rule = { limit: 2, windowMs: 60_000 };
    const now = new Date();
    const once = async () => (await local.invoke({ main: () => countCall('bench.cost', 'bench-person', rule, now).catch(() => 'refused') }, {}, 'bench')).counts;
    const first = await once();
    const next = await once();
    const refused = await once();
    return [
      ['the first call of a window (the increment misses, the read, the create)', fmt(first)],
      ['every other admitted call (one conditional increment)', fmt(next)],
      ['a refused call (the increment misses, the read)', fmt(refused)],
    ];
  } finally {
    if (saved === undefined) delete process.env.JINLIN_RATE_LIMITS;
    else process.env.JINLIN_RATE_LIMITS = saved;
  }
}

export async function benchLimits(local: LocalCloud): Promise<string> {
  const costs = await counterCosts(local);
  const rows: (string | number)[][] = [];
  for (const [fn, mod] of Object.entries(FUNCTIONS)) {
    for (const [action, d] of Object.entries(mod.describe!() as Record<string, { userText?: string[]; rateLimit?: RateRule & { rule: string } }>)) {
      if (!d.userText && !d.rateLimit) continue;
      const rule = d.rateLimit ? `${d.rateLimit.rule}: ${d.rateLimit.limit} a minute` : '—';
      rows.push([`${fn}.${action}`, rule, d.rateLimit ? '+1 write' : '0', d.userText?.join(', ') ?? '—']);
    }
  }
  return (
    'A rate-limit counter, database requests (reads / writes):\n\n' +
    table(['case', 'reads / writes'], costs) +
    '\n\nPer action: its rate rule, what the counter adds to an admitted call (the first call of a window ' +
    '+1 read +2 writes) and its user-text fields, each costing one msgSecCheck call when not empty (`*`: per ' +
    'item; identical texts once; in parallel; no database request). An uploaded photo adds one mediaCheckAsync call and one ' +
    'write (its `photoChecks` record); its verdict costs one read and one write when it arrives.\n\n' +
    table(['action', 'rate rule', 'counter', 'user-text fields'], rows)
  );
}

// Run alone: deploy/run.mjs puts the entry's own path in argv[1].
if (process.argv[1]?.endsWith('bench-limits.ts')) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-bench-limits-'));
  const local = LocalCloud.open({ dataDir, collections: collections.collections as never });
  benchLimits(local)
    .then((out) => console.log(out))
    .finally(() => {
      local.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
}
