/** Types for `pg-cluster.mjs` (plain ESM so the benchmark can load it without a TS loader). */
export interface PgCluster {
  /** A `postgresql://` URL for the test database. */
  readonly url: string;
  /** True when the URL came from `DATABASE_URL` and nothing was started. */
  readonly external: boolean;
  /** Stops the server and removes its directory; a no-op for an external server. */
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /** Extra `postgresql.conf` settings, e.g. `{ fsync: 'off' }`. */
  settings?: Record<string, string | number>;
  log?: (line: string) => void;
}

export function findServerBinDir(): string | undefined;
export function embeddedBinDir(): string | undefined;
export function startCluster(options?: StartClusterOptions): Promise<PgCluster>;
