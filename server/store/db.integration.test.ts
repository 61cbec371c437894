import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../testing/eventually';
import { openDatabase, type Db } from './db';

describe('SQLite store with cached prepared statements', () => {
  let db: Db | undefined;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-db-'));
  });
  afterEach(async () => {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reuses a statement across calls and still sees a schema change made after it was prepared', async () => {
    db = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'app.sqlite') });
    await db.schema.createTable('widgets', (table) => {
      table.increments('id');
      table.string('name');
    });
    for (const name of ['a', 'b']) await db('widgets').insert({ name });
    expect(await db('widgets').select('*').orderBy('id')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    await db.schema.alterTable('widgets', (table) => table.string('colour').defaultTo('red'));
    // The same SQL text again: served from the cache, re-prepared by SQLite for the new schema.
    expect(await db('widgets').select('*').orderBy('id')).toEqual([
      { id: 1, name: 'a', colour: 'red' },
      { id: 2, name: 'b', colour: 'red' },
    ]);
  });

  it('keeps serving correct results past the cache size with many distinct statements', async () => {
    db = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'many.sqlite') });
    for (let index = 0; index < 1_200; index++) {
      expect(await db.raw(`SELECT ${index} AS n`)).toEqual([{ n: index }]);
    }
    expect(await db.raw('SELECT 7 AS n')).toEqual([{ n: 7 }]);
  });

  it('leaves checkpoints to a thread of its own: the app connection only checkpoints past a large WAL, yet the database file fills and the WAL goes on close', async () => {
    const file = path.join(dir, 'wal.sqlite');
    db = await openDatabase({ client: 'sqlite', filename: file });
    expect(await db.raw('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 10_000 }]);
    await db.schema.createTable('blobs', (table) => {
      table.increments('id');
      table.text('body');
    });
    const before = fs.statSync(file).size;
    // About 4 MB in 2,000 commits, far below the app connection's own checkpoint: only the thread copies it.
    for (let index = 0; index < 2_000; index++) await db('blobs').insert({ body: 'x'.repeat(2_000) });
    await eventually(() => fs.statSync(file).size > before + 3_000_000, 'the checkpoint thread to copy the WAL into the database file');
    await db.destroy();
    db = undefined;
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
