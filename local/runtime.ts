/**
 * The local cloud runtime: runs cloud functions in this process with the real `wx-server-sdk`.
 * Three seams, all installed on the SDK's own objects, so function code runs unchanged:
 * - database: the one request class of `@cloudbase/database` (`Db.reqClass`) is pinned to a class
 *   that answers from the LocalDatabase (pinned: the SDK assigns it again on every `database()`);
 * - identity: `getWXContext()` reads the caller of the current invocation from AsyncLocalStorage,
 *   so concurrent calls never see each other's openid;
 * - storage and subscribe messages: `uploadFile` / `getTempFileURL` / `downloadFile` /
 *   `deleteFile` on local disk, `openapi.subscribeMessage.send` into a local outbox;
 * - content security: `openapi.security.msgSecCheck` and `mediaCheckAsync` answered by a small word
 *   list (local/content-check.ts), each call recorded; image verdicts are pushed to the receiving
 *   function by `deliverMediaVerdicts`, as WeChat's message push would.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { answerMediaCheck, answerMsgSecCheck, mediaVerdictEvent, type ContentCall } from './content-check';
import { LocalDatabase, type RequestKind } from './db/backend';
import { Journal } from './db/journal';
import { Store, type CollectionSpec } from './db/store';

/** What a deployable function module exports. */
export interface FunctionModule {
  main: (event: Record<string, unknown>, context?: unknown) => Promise<unknown>;
  /** Action name → JSON schema of its input (for `GET /api`). */
  describe?: () => Record<string, unknown>;
}

/** Database requests made by one invocation, by kind. */
export type RequestCounts = Record<RequestKind, number>;

interface Invocation {
  openid: string | null;
  /** getWXContext().SOURCE: `wx_trigger` only for the runtime's own timer runs. */
  source: 'wx_client' | 'wx_http' | 'wx_trigger';
  counts: RequestCounts;
  /** Armed by `crashAfterWrites`: the invocation dies after its `left`-th durable write. */
  crash?: Crash;
}

/** A fault injected into one invocation (see LocalCloud.crashAfterWrites). */
interface Crash {
  left: number;
  /** Durable writes made so far. */
  writes: number;
  dead: boolean;
  /** Transactions this invocation started: a dead instance's are abandoned with it. */
  txns: string[];
}

/** Thrown inside an invocation that an injected fault killed. */
export class InjectedCrash extends Error {
  constructor() {
    super('injected crash: the function instance died here');
  }
}

export interface OutboxMessage {
  at: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, unknown>;
}

export interface LocalCloudOptions {
  dataDir: string;
  collections: CollectionSpec[];
  /** Clock for server dates (db.serverDate()); tests may pass a fixed one. */
  now?: () => number;
  /**
   * Milliseconds each database request takes to answer, as CloudBase's round trip from a function
   * to its database would (default 0: the next tick). The load benchmark sets it.
   */
  dbLatencyMs?: number;
}

const invocation = new AsyncLocalStorage<Invocation>();
let active: LocalCloud | null = null;

export class LocalCloud {
  readonly db: LocalDatabase;
  /** Content security calls made so far (msgSecCheck, mediaCheckAsync), oldest first. */
  readonly contentCalls: ContentCall[] = [];
  /** Image checks whose verdict has not been pushed yet. */
  private pendingMedia: ContentCall[] = [];
  /** See LocalCloudOptions.dbLatencyMs; may be changed between runs. */
  dbLatencyMs: number;
  /** Durable writes (writes outside a transaction, and commits) of the last invocation. */
  lastDurableWrites = 0;
  private armed: number | null = null;
  private readonly filesDir: string;
  private readonly outboxPath: string;

  private constructor(readonly options: LocalCloudOptions) {
    this.db = new LocalDatabase(new Store(new Journal(path.join(options.dataDir, 'db')), options.collections), options.now);
    this.dbLatencyMs = options.dbLatencyMs ?? 0;
    this.filesDir = path.join(options.dataDir, 'files');
    this.outboxPath = path.join(options.dataDir, 'outbox.jsonl');
    fs.mkdirSync(this.filesDir, { recursive: true });
  }

  /** Opens the data folder and installs the seams. One local cloud per process. */
  static open(options: LocalCloudOptions): LocalCloud {
    if (active) throw new Error('a local cloud is already open in this process');
    takeLock(options.dataDir);
    const cloud = new LocalCloud(options);
    installSeams();
    active = cloud;
    return cloud;
  }

  close(): void {
    if (active === this) active = null;
    releaseLock(this.options.dataDir);
  }

  /**
   * Calls a function as `openid` (null: no identity, as a request through the HTTP API without
   * one: SOURCE `wx_http`, never the timer's `wx_trigger`).
   */
  async invoke(fn: FunctionModule, event: Record<string, unknown>, openid: string | null): Promise<{ result: unknown; counts: RequestCounts }> {
    return this.run(fn, event, { openid, source: openid ? 'wx_client' : 'wx_http', counts: { read: 0, write: 0, transaction: 0 } });
  }

  /** Runs a function as the platform's timer trigger `name` does: no caller, SOURCE `wx_trigger`. */
  async trigger(fn: FunctionModule, name: string): Promise<{ result: unknown; counts: RequestCounts }> {
    const now = new Date(this.options.now?.() ?? Date.now());
    const event = { Type: 'Timer', TriggerName: name, Time: now.toISOString() };
    return this.run(fn, event, { openid: null, source: 'wx_trigger', counts: { read: 0, write: 0, transaction: 0 } });
  }

  /**
   * Fault injection: the next invocation dies right after its `n`-th durable write (a write
   * outside a transaction, or a commit) — that write is stored, every later request of the
   * invocation fails and its open transactions are abandoned (live CloudBase drops them after
   * ~30 s; here at once), as a kill -9 or a recycled instance would leave the database.
   */
  crashAfterWrites(n: number): void {
    this.armed = n;
  }

  private async run(fn: FunctionModule, event: Record<string, unknown>, inv: Invocation): Promise<{ result: unknown; counts: RequestCounts }> {
    const crash: Crash = { left: this.armed ?? Infinity, writes: 0, dead: false, txns: [] };
    this.armed = null;
    const result = await invocation.run({ ...inv, crash }, () => fn.main(copyOf(event), {}));
    this.lastDurableWrites = crash.writes;
    return { result, counts: inv.counts };
  }

  /** Subscribe messages sent so far, oldest first. */
  outbox(): OutboxMessage[] {
    if (!fs.existsSync(this.outboxPath)) return [];
    return fs
      .readFileSync(this.outboxPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as OutboxMessage);
  }

  /** The file on disk behind a cloud path, refusing paths that climb out of the files folder. */
  filePath(cloudPath: string): string {
    const full = path.resolve(this.filesDir, cloudPath.replace(/^\/+/, ''));
    if (!full.startsWith(path.resolve(this.filesDir) + path.sep)) throw new Error('invalid cloud path');
    return full;
  }

  /** Maps a fileID `cloud://local/<path>` to its cloud path. */
  static cloudPathOf(fileID: string): string {
    const prefix = 'cloud://local/';
    if (!fileID.startsWith(prefix)) throw new Error(`not a local fileID: ${fileID}`);
    return fileID.slice(prefix.length);
  }

  recordContentCall(call: ContentCall): void {
    this.contentCalls.push(call);
    if (call.api === 'mediaCheckAsync') this.pendingMedia.push(call);
  }

  /**
   * Pushes the verdict of every image check asked for so far to `fn` (the function the message
   * push is configured for), one `wxa_media_check` event each, as the image's uploader. Returns
   * how many were pushed.
   */
  async deliverMediaVerdicts(fn: FunctionModule): Promise<number> {
    const due = this.pendingMedia;
    this.pendingMedia = [];
    for (const call of due) {
      const event = mediaVerdictEvent(call, this.mediaBytes(call.mediaUrl ?? ''), new Date(this.options.now?.() ?? Date.now()));
      await this.run(fn, event, { openid: call.openid, source: 'wx_trigger', counts: { read: 0, write: 0, transaction: 0 } });
    }
    return due.length;
  }

  /** The bytes behind a temporary URL this cloud handed out (`/files/<path>`), or null. */
  private mediaBytes(url: string): Buffer | null {
    const cloudPath = /^\/files\/(.+)$/.exec(url)?.[1];
    if (!cloudPath) return null;
    try {
      return fs.readFileSync(this.filePath(decodeURIComponent(cloudPath)));
    } catch {
      return null;
    }
  }

  recordMessage(msg: Omit<OutboxMessage, 'at'>): void {
    const line = JSON.stringify({ at: new Date(this.options.now?.() ?? Date.now()).toISOString(), ...msg });
    fs.appendFileSync(this.outboxPath, line + '\n');
  }
}

/**
 * The function gets its own copy of the event, as the platform's serialisation gives it. An event
 * too deep to copy (structuredClone recurses) is handed over as it is: the router refuses it by
 * its depth before reading anything of it.
 */
function copyOf(event: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(event);
  } catch (e) {
    // By name: under jest the error comes from another realm, whose RangeError is another class.
    if ((e as Error | null)?.name === 'RangeError') return event;
    throw e;
  }
}

/** One process per data folder: two writers would interleave their journals. */
function takeLock(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'LOCK');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`the data folder ${dataDir} is in use by process ${pid} (stop it first)`);
    }
  }
  fs.writeFileSync(lock, String(process.pid));
}

function releaseLock(dataDir: string): void {
  const lock = path.join(dataDir, 'LOCK');
  if (fs.existsSync(lock) && Number(fs.readFileSync(lock, 'utf8')) === process.pid) fs.unlinkSync(lock);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function current(): LocalCloud {
  if (!active) throw new Error('no local cloud is open');
  return active;
}

let installed = false;

function installSeams(): void {
  if (installed) return;
  installed = true;
  // Resolve the SDK the functions resolve (from the project root), and the database package it uses.
  const req = createRequire(path.join(process.cwd(), 'package.json'));
  const sdk = req('wx-server-sdk');
  const sdkDir = path.dirname(req.resolve('wx-server-sdk'));
  const nodeSdkDir = path.dirname(req.resolve('@cloudbase/node-sdk/package.json', { paths: [sdkDir] }));
  const { Db } = req(req.resolve('@cloudbase/database', { paths: [nodeSdkDir] }));

  class LocalRequester {
    async send(api: string, data?: Record<string, unknown>): Promise<Record<string, unknown>> {
      const kind = LocalDatabase.kindOf(api);
      const inv = invocation.getStore();
      if (inv && kind) inv.counts[kind]++;
      // Answer on a later tick (or after the configured round trip), as a network would, so concurrent calls really interleave.
      const latency = current().dbLatencyMs;
      await new Promise((r) => (latency > 0 ? setTimeout(r, latency) : setImmediate(r)));
      const crash = inv?.crash;
      if (crash?.dead) throw new InjectedCrash();
      const res = current().db.handle(api, data ?? {});
      if (!crash) return res;
      if (api === 'database.startTransaction' && typeof res.transactionId === 'string') crash.txns.push(res.transactionId);
      const durable = (kind === 'write' && !data?.transactionId) || api === 'database.commitTransaction';
      if (durable) {
        crash.writes++;
        if (--crash.left <= 0) {
          crash.dead = true;
          for (const transactionId of crash.txns) current().db.handle('database.abortTransaction', { transactionId });
          throw new InjectedCrash();
        }
      }
      return res;
    }
  }
  Object.defineProperty(Db, 'reqClass', { configurable: true, get: () => LocalRequester, set: () => undefined });

  sdk.getWXContext = () => {
    const inv = invocation.getStore();
    const ctx: Record<string, string> = { APPID: 'local-appid', ENV: 'local' };
    if (inv?.openid) ctx.OPENID = inv.openid;
    if (inv) ctx.SOURCE = inv.source;
    return ctx;
  };

  sdk.uploadFile = async ({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer | string }) => {
    const file = current().filePath(cloudPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, fileContent);
    return { fileID: `cloud://local/${cloudPath.replace(/^\/+/, '')}`, statusCode: 200, errMsg: 'uploadFile:ok' };
  };
  sdk.downloadFile = async ({ fileID }: { fileID: string }) => ({
    fileContent: fs.readFileSync(current().filePath(LocalCloud.cloudPathOf(fileID))),
    statusCode: 200,
    errMsg: 'downloadFile:ok',
  });
  sdk.getTempFileURL = async ({ fileList }: { fileList: (string | { fileID: string })[] }) => ({
    fileList: fileList.map((f) => {
      const fileID = typeof f === 'string' ? f : f.fileID;
      const cloudPath = LocalCloud.cloudPathOf(fileID);
      const exists = fs.existsSync(current().filePath(cloudPath));
      return exists
        ? { fileID, tempFileURL: `/files/${cloudPath}`, status: 0, errMsg: 'ok', maxAge: 86400 }
        : { fileID, tempFileURL: '', status: -1, errMsg: 'file not found' };
    }),
    errMsg: 'getTempFileURL:ok',
  });
  sdk.deleteFile = async ({ fileList }: { fileList: string[] }) => ({
    fileList: fileList.map((fileID) => {
      const file = current().filePath(LocalCloud.cloudPathOf(fileID));
      const existed = fs.existsSync(file);
      if (existed) fs.unlinkSync(file);
      return { fileID, status: existed ? 0 : -1, errMsg: existed ? 'ok' : 'file not found' };
    }),
    errMsg: 'deleteFile:ok',
  });
  sdk.openapi = {
    subscribeMessage: {
      send: async (msg: { touser: string; templateId: string; page?: string; data: Record<string, unknown> }) => {
        current().recordMessage({ touser: msg.touser, templateId: msg.templateId, page: msg.page, data: msg.data });
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
      },
    },
    security: {
      msgSecCheck: async (req: Record<string, unknown>) => {
        const { call, response } = answerMsgSecCheck(req);
        current().recordContentCall(call);
        return response;
      },
      mediaCheckAsync: async (req: Record<string, unknown>) => {
        const { call, response } = answerMediaCheck(req);
        current().recordContentCall(call);
        return response;
      },
    },
  };
}
