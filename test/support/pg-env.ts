import { inject } from 'vitest';

// Runs in every worker of `npm run test:pg` before its test file: the adapter harness picks
// the real server instead of PGlite when DATABASE_URL is set.
process.env.DATABASE_URL = inject('databaseUrl');
