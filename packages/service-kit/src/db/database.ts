import { mkdirSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource, type EntitySchema, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
import type { Logger } from '../logger';

/** Statements starting with this comment are background work (the outbox relay), not counted. */
export const BACKGROUND_QUERY_TAG = '/* outbox-relay */';

export interface DatabaseOptions {
  /** Which service owns it; used in logs. */
  name: string;
  /** A PostgreSQL URL. Its database is created when missing. Without a URL the embedded engine runs. */
  url?: string;
  /** Embedded engine only: where PGlite keeps its files. Without it the database lives in memory. */
  dataDir?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  /** Connections to PostgreSQL (PGlite is one session, so always 1 there). */
  poolSize?: number;
  logger?: Logger;
}

export interface Database {
  dataSource: DataSource;
  engine: 'postgres' | 'pglite';
  /** Statements sent so far. Tests read it to prove that a query does not grow with its data (no N+1). */
  readonly queryCount: number;
  close(): Promise<void>;
}

class CountingLogger implements TypeOrmLogger {
  count = 0;
  constructor(private readonly logger?: Logger) {}
  logQuery(query: string) {
    // Background polling is not work done for a request; leave it out of N+1 counts.
    if (!query.startsWith(BACKGROUND_QUERY_TAG)) this.count++;
  }
  logQueryError(error: string | Error, query: string) {
    this.count++;
    this.logger?.debug('query failed', { error: String(error), query: query.slice(0, 200) });
  }
  logQuerySlow(time: number, query: string) {
    this.logger?.warn('slow query', { ms: time, query: query.slice(0, 200) });
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    this.logger?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') this.logger?.warn(String(message));
  }
}

/** Creates the database named in `url` if the server lacks it (one database per subgraph). */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`Database URL has no database name: ${target.origin}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another process created it between our check and our CREATE: fine.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Opens a subgraph's database and runs its migrations.
 *
 * With a URL it is PostgreSQL. Without one it is PGlite (PostgreSQL compiled to WASM), served on a
 * loopback socket so that the very same `pg` driver and SQL run in both modes. PGlite is a single
 * session, so the pool has one connection: code inside a transaction must use that transaction's
 * manager only, or it would wait for itself.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const queryLogger = new CountingLogger(options.logger);
  const common = {
    type: 'postgres' as const,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: true,
    logger: queryLogger,
    maxQueryExecutionTime: 1000,
    // Migrations own the schema; ids come from gen_random_uuid(), built into PostgreSQL 13+ and PGlite.
    installExtensions: false,
  };

  if (options.url) {
    await ensurePostgresDatabase(options.url);
    const dataSource = new DataSource({ ...common, url: options.url, extra: { max: options.poolSize ?? 10 } });
    await dataSource.initialize();
    return {
      dataSource,
      engine: 'postgres',
      get queryCount() {
        return queryLogger.count;
      },
      close: () => dataSource.destroy(),
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  const socket = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await socket.start();
  const [host, port] = socket.getServerConn().split(':');
  const dataSource = new DataSource({
    ...common,
    host,
    port: Number(port),
    username: 'postgres',
    database: 'postgres',
    extra: { max: 1 },
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await socket.stop();
    await pglite.close();
    throw error;
  }
  return {
    dataSource,
    engine: 'pglite',
    get queryCount() {
      return queryLogger.count;
    },
    async close() {
      await dataSource.destroy();
      await socket.stop();
      await pglite.close();
    },
  };
}
