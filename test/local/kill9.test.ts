/**
 * A real kill -9 in the middle of a burst of dispatches (#10): the local cloud server runs as a
 * child process (its database journalled to disk, local/db/journal.ts; 10 ms a database request),
 * 40 demands filed, then 40 派单 sent at once and the process killed with SIGKILL after the fifth
 * answer (again on a fresh folder, up to twice, if no step was cut between its writes). The data folder
 * is opened again (a restart), the repair pass runs as the notify timer would once the requests'
 * time has passed, and then every 三率 scorecard equals a recount of the demands and every
 * dispatched demand has its one message job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { repairPending } from '../../cloudfunctions/lib/effects';
import type { Counters } from '../../cloudfunctions/core/scorecard';
import type { Demand } from '../../types/dispatch';
import { cardOf, recount } from '../functions/scorecard-recount';
import { openTestCloud, tempDir } from './helpers';

const RESIDENT = 'demo-resident-wang';
const STAFF = 'demo-staff-dongjie';
const BURST = 40;

let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function start(dir: string): Promise<string> {
  const root = path.resolve(__dirname, '../..');
  const bundle = path.join(root, '.tmp', `cloud-server-${process.pid}.js`);
  buildSync({ entryPoints: [path.join(__dirname, 'fixtures', 'cloud-server.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'silent' });
  const proc = spawn(process.execPath, [bundle, dir, '10'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JINLIN_RATE_LIMITS: 'off' } });
  child = proc;
  proc.stderr!.resume(); // the router logs the requests the kill cut off
  return new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code, signal) => reject(new Error(`the local cloud exited ${code ?? signal} before listening`)));
  });
}

async function call(url: string, openid: string, fn: string, body: Record<string, unknown>): Promise<{ ok: boolean; data?: { _id: string } }> {
  const res = await fetch(`${url}api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; data?: { _id: string } };
}

/** Files BURST demands on a fresh local cloud, sends BURST 派单 at once, kills it after the fifth answer. */
async function killMidBurst(): Promise<{ dir: string; ids: string[]; answered: number }> {
  const dir = tempDir();
  const url = await start(dir);
  const ids: string[] = [];
  for (let i = 0; i < BURST; i++) {
    const r = await call(url, RESIDENT, 'dispatch', { action: 'submit', category: 'facilities', text: `幸福小区${i + 1}号楼楼道灯不亮`, requestId: `kill9-${i}` });
    expect(r.ok).toBe(true);
    ids.push(r.data!._id);
  }
  let answered = 0;
  const proc = child!;
  const exited = new Promise((r) => proc.once('exit', r));
  const burst = ids.map((id) =>
    call(url, STAFF, 'dispatch', { action: 'dispatch', id, unitId: 'unit-renshe', slots: 1, expectedHours: 2 }).then(
      (r) => {
        if (r.ok && ++answered === 5) proc.kill('SIGKILL'); // mid-burst: other steps are between their writes
      },
      () => undefined, // cut off by the kill
    ),
  );
  await Promise.all(burst);
  await exited;
  expect(proc.signalCode).toBe('SIGKILL');
  fs.rmSync(path.join(dir, 'LOCK'), { force: true }); // the killed process could not release it
  return { dir, ids, answered };
}

test('kill -9 mid-burst of 派单, restart, repair: every scorecard equals a recount, each dispatch queued its message once', async () => {
  // A loaded machine may let the kill land when no step is between its writes: then again, a few times.
  let run = await killMidBurst();
  for (let again = 0; again < 2; again++) {
    const peek = openTestCloud(run.dir);
    const cut = peek.db.store.all('demands').some((d) => run.ids.includes(d._id as string) && d.effectsDue);
    peek.close();
    if (cut) break;
    run = await killMidBurst();
  }
  const { dir, ids, answered } = run;

  // The restart: the same data folder opened again.
  const local = openTestCloud(dir);
  try {
    const demands = () => local.db.store.all('demands').filter((d) => ids.includes(d._id as string)) as unknown as Demand[];
    const dispatched = demands().filter((d) => d.status === 'dispatched');
    const halfDone = demands().filter((d) => d.effectsDue);
    console.log(`kill -9 after ${answered} answers: ${dispatched.length} of ${BURST} dispatched, ${halfDone.length} with effects left recorded`);
    // The five answered are dispatched; how many more depends on the machine's load when the kill
    // lands (on a busy one every step may have made its first write), so only the cut is asserted.
    expect(dispatched.length).toBeGreaterThanOrEqual(5);
    expect(halfDone.length).toBeGreaterThan(0); // the point of the test: steps cut between their writes

    // The notify timer's repair pass, once the requests' time to finish has passed (20 a run).
    for (let run = 0; run < 10; run++) {
      const { result } = await local.invoke({ main: () => repairPending(new Date(Date.now() + 10 * 60_000)) }, {}, 'timer');
      if ((result as { steps: number }).steps === 0) break;
    }
    expect(demands().filter((d) => d.effectsDue || Object.keys(d.pendingEffects ?? {}).length)).toEqual([]);

    const now = new Date();
    const stored = new Map(local.db.store.all('scorecards').map((c) => [c._id as string, c as unknown as Counters]));
    const expected = recount(local.db.store.all('demands') as unknown as Demand[]);
    for (const key of new Set([...stored.keys(), ...expected.keys()])) {
      const t = (x: Date | string) => new Date(x).getTime();
      const open = (c: Counters) => Object.fromEntries(Object.entries(c.open ?? {}).map(([id, at]) => [id, t(at)]));
      expect({ key, card: cardOf(key, stored.get(key) ?? {}, now), open: open(stored.get(key) ?? {}) }).toEqual({ key, card: cardOf(key, expected.get(key) ?? {}, now), open: open(expected.get(key) ?? {}) });
    }
    // Each dispatched demand: one job telling the unit's liaisons (派单), none for the others.
    const jobs = local.db.store.all('notifications');
    for (const d of demands()) {
      const told = jobs.filter((j) => j.demandId === d._id && (j.messages as { template: string }[]).some((m) => m.template === 'newDispatch')).length;
      expect({ id: d._id, told }).toEqual({ id: d._id, told: d.status === 'dispatched' ? 1 : 0 });
    }
  } finally {
    local.close();
  }
}, 300_000);
