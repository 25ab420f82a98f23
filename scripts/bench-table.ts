/**
 * What the benchmark's sections share: the markdown table, the per-action budget row (an excess is
 * marked OVER and added to the failures) and the step runner of a pillar's actions in the order
 * they are used. The sections are called from scripts/bench.ts; some also run alone.
 */
import type { FunctionModule, LocalCloud, RequestCounts } from '../local/runtime';

export type Cell = string | number;

/** Reads and writes an action may make, transaction requests included. */
export interface Budget {
  read: number;
  write: number;
}

/** The house's budget per action: ≤ 2 reads / ≤ 4 writes. */
export const BUDGET: Budget = { read: 2, write: 4 };

/** The head of a PNG (signature and IHDR), base64: enough of a photo for `dispatch.uploadPhoto`. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');

export function table(head: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A per-action table's columns; the last one says why or what. */
export const budgetHead = (last: string): string[] => ['action', 'reads', 'writes', 'transaction requests', 'budget (reads / writes)', '', last];

/** One row of a per-action table; `action` (e.g. `posts.claimPost`) names it in the failures when it is over. */
export function budgetRow(failures: string[], action: string, label: string, n: RequestCounts, budget: Budget, note = ''): Cell[] {
  const over = n.read > budget.read || n.write > budget.write;
  if (over) failures.push(`${action} made ${n.read} reads / ${n.write} writes`);
  return [label, n.read, n.write, n.transaction, `≤ ${budget.read} / ≤ ${budget.write}`, over ? 'OVER' : 'ok', note];
}

/** One action called as `as`: its data and its database requests. A refusal throws: a bench step must succeed. */
export async function invoke<T>(local: LocalCloud, fn: FunctionModule, name: string, as: string, action: string, payload: Record<string, unknown> = {}): Promise<{ data: T; counts: RequestCounts }> {
  const { result, counts } = await local.invoke(fn, { action, ...payload }, as);
  const env = result as { ok: boolean; data: T; error?: { code: string; message: string } };
  if (!env.ok) throw new Error(`${name}.${action} as ${as} refused: ${env.error?.code} ${env.error?.message}`);
  return { data: env.data, counts };
}

/** What the steps after one need of its answer. */
export interface StepData {
  _id: string;
  fileID: string;
  year: string;
}

/**
 * A pillar's steps in the order they are used: `run(fn, as, action, payload, budget, note)` calls
 * one and returns its data; a call of the pillar's own function (`fn === own`; another's, such as
 * `dispatch.uploadPhoto`, only prepares a step) adds its row to `rows`, with the scope when the
 * payload names one.
 */
export function stepRunner(local: LocalCloud, own: FunctionModule, name: string, failures: string[], rows: Cell[][]) {
  return async (fn: FunctionModule, as: string, action: string, payload: Record<string, unknown>, budget = BUDGET, note = ''): Promise<StepData> => {
    const { data, counts } = await invoke<StepData>(local, fn, name, as, action, payload);
    if (fn === own) rows.push(budgetRow(failures, `${name}.${action}`, `${name}.${action}${typeof payload.scope === 'string' ? ` ${payload.scope}` : ''}`, counts, budget, note));
    return data;
  };
}

/** `runs` calls of `call`: the last one's answer and the median time in milliseconds. */
export async function timed<T>(runs: number, call: () => Promise<T>): Promise<{ last: T; median: number }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { last, median: times[Math.floor(runs / 2)] };
}
