import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { openDatabase, type Db } from '../store/db';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/**
 * Whether the test PostgreSQL answers. With REQUIRE_POSTGRES=1 (CI) an unreachable server is an
 * error, not a skip; otherwise suites say clearly that they skip it.
 */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const probe = knexFactory({ client: 'pg', connection: { connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
    try {
      await probe.raw('select 1');
      return true;
    } catch (error) {
      if (process.env.REQUIRE_POSTGRES === '1') {
        throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but ${POSTGRES_URL} is unreachable: ${(error as Error).message}`, { cause: error });
      }
      console.warn(`PostgreSQL at ${POSTGRES_URL} is unreachable: skipping the PostgreSQL variant of these suites.`);
      return false;
    } finally {
      await probe.destroy();
    }
  })();
  return reachable;
}

export interface TestDatabase {
  engine: 'sqlite' | 'postgres';
  db: Db;
  /** For code that opens its own connections (other instances) to the same database. */
  config: { client: 'sqlite'; filename: string } | { client: 'pg'; connectionString: string; searchPath: string };
  drop(): Promise<void>;
}

/** A fresh, migrated database: a new SQLite file, or a new PostgreSQL schema (one per suite). */
export async function createTestDatabase(engine: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-db-'));
    const filename = path.join(dir, 'app.db');
    const db = await openDatabase({ client: 'sqlite', filename });
    return {
      engine,
      db,
      config: { client: 'sqlite', filename },
      async drop() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  await admin.destroy();
  const db = await openDatabase({ client: 'pg', connectionString: POSTGRES_URL }, { searchPath: schema });
  return {
    engine,
    db,
    config: { client: 'pg', connectionString: POSTGRES_URL, searchPath: schema },
    async drop() {
      await db.raw(`DROP SCHEMA ${schema} CASCADE`);
      await db.destroy();
    },
  };
}

/** The engines to run a suite on: SQLite always, PostgreSQL where reachable (mandatory in CI). */
export async function testEngines(): Promise<('sqlite' | 'postgres')[]> {
  return (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * An empty, unmigrated database (a new SQLite file or PostgreSQL schema), for migration suites
 * that migrate up to a given point themselves and check what the next migration does to the rows.
 */
export async function openUnmigratedDatabase(engine: 'sqlite' | 'postgres'): Promise<{ db: Knex; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-migration-'));
    const db = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'app.db') }, useNullAsDefault: true });
    return {
      db,
      async drop() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const db = knexFactory({ client: 'pg', connection: POSTGRES_URL, searchPath: [schema], pool: { min: 0, max: 2 } });
  await db.raw(`CREATE SCHEMA ${schema}`);
  return {
    db,
    async drop() {
      await db.raw(`DROP SCHEMA ${schema} CASCADE`);
      await db.destroy();
    },
  };
}
