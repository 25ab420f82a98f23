/**
 * Durable storage for the local cloud: a snapshot file plus an append-only journal of committed
 * batches. A batch is one line, written and fsync'ed before the request is acknowledged, so an
 * acknowledged write survives a restart or a kill -9; a torn last line (killed mid-write) is
 * ignored on load, so a request is all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';

export type Doc = Record<string, unknown> & { _id: string };

/** One document's new state in a batch: `doc` null means removed. */
export interface Change {
  coll: string;
  id: string;
  doc: Doc | null;
}

type Collections = Map<string, Map<string, Doc>>;

const SNAPSHOT = 'snapshot.ejson';
const JOURNAL = 'journal.ejsonl';

export class Journal {
  private fd: number | null = null;

  constructor(private readonly dir: string) {}

  /** Reads snapshot + journal, then compacts them into a fresh snapshot and an empty journal. */
  load(): Collections {
    fs.mkdirSync(this.dir, { recursive: true });
    const collections: Collections = new Map();
    const snapshotPath = path.join(this.dir, SNAPSHOT);
    if (fs.existsSync(snapshotPath)) {
      const data = EJSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as Record<string, Doc[]>;
      for (const [coll, docs] of Object.entries(data)) {
        collections.set(coll, new Map(docs.map((d) => [d._id, d])));
      }
    }
    const journalPath = path.join(this.dir, JOURNAL);
    if (fs.existsSync(journalPath)) {
      for (const line of fs.readFileSync(journalPath, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let batch: Change[];
        try {
          batch = EJSON.parse(line) as Change[];
        } catch {
          break; // a torn last line: the request it belonged to was never acknowledged
        }
        for (const change of batch) applyChange(collections, change);
      }
    }
    this.compact(collections);
    return collections;
  }

  /** Appends one committed batch durably. Throws if the disk refuses: then nothing is applied. */
  append(batch: Change[]): void {
    if (this.fd === null) throw new Error('journal not open');
    fs.writeSync(this.fd, EJSON.stringify(batch, { relaxed: false }) + '\n');
    fs.fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private compact(collections: Collections): void {
    const data: Record<string, Doc[]> = {};
    for (const [coll, docs] of collections) data[coll] = [...docs.values()];
    const tmp = path.join(this.dir, SNAPSHOT + '.tmp');
    fs.writeFileSync(tmp, EJSON.stringify(data, { relaxed: false }));
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    this.close();
    this.fd = fs.openSync(path.join(this.dir, JOURNAL), 'w');
    fs.fsyncSync(this.fd);
  }
}

export function applyChange(collections: Collections, change: Change): void {
  let docs = collections.get(change.coll);
  if (!docs) {
    docs = new Map();
    collections.set(change.coll, docs);
  }
  if (change.doc) docs.set(change.id, change.doc);
  else docs.delete(change.id);
}
