import type { TestProject } from 'vitest/node';
import { startCluster } from './pg-cluster.mjs';

declare module 'vitest' {
  interface ProvidedContext {
    /** The real server the `npm run test:pg` suite runs against. */
    databaseUrl: string;
  }
}

/**
 * Vitest global setup for `npm run test:pg`: start a throwaway PostgreSQL cluster (or take
 * `DATABASE_URL`) before any worker exists, hand its URL to the workers, stop it afterwards.
 * The cluster also stops when the run fails or is interrupted (see `pg-cluster.mjs`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Durability buys nothing for a cluster that is deleted afterwards.
  const cluster = await startCluster({
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    log: (line) => console.log(line),
  });
  project.provide('databaseUrl', cluster.url);
  // Workers start after this and inherit the environment; `pg-env.ts` also sets it from inject().
  process.env.DATABASE_URL = cluster.url;
  return () => cluster.stop();
}
