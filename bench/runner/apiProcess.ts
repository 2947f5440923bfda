/**
 * Runs the Grapevine API (`src/main.ts`) as a child process, as operators
 * do, and waits until it listens. The benchmark runner and the fault
 * checks both use it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/config.js';

/** Where a private stack runs: a local Neo4j instance and the API's port. */
export interface StackPlace {
  instance: string;
  boltPort: string;
  httpPort: string;
  apiPort: string;
  heap: string;
  pageCache: string;
}

/**
 * The environment of an API process (and of `loadConfig`) for a stack of
 * its own: the named local instance reached through NEO4J_URI, with the
 * password `grapevine-<instance>-password`, on loopback.
 */
export function stackEnv(place: StackPlace): Record<string, string> {
  return {
    NEO4J_URI: `bolt://127.0.0.1:${place.boltPort}`,
    NEO4J_PASSWORD: `grapevine-${place.instance}-password`,
    NEO4J_LOCAL_INSTANCE: place.instance,
    NEO4J_LOCAL_BOLT_PORT: place.boltPort,
    NEO4J_LOCAL_HTTP_PORT: place.httpPort,
    NEO4J_LOCAL_HEAP: place.heap,
    NEO4J_LOCAL_PAGECACHE: place.pageCache,
    HOST: '127.0.0.1',
    PORT: place.apiPort,
    LOG_PRETTY: 'false',
  };
}

/** A Grapevine API running as a child process. */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Every line the process wrote (pino JSON on stdout, then stderr). */
  logs: string[];
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/**
 * Spawns the API with exactly `env` (plus PATH and HOME); resolves once it
 * logs that it listens, rejects if it exits first or takes over 120 s.
 */
export async function spawnApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not listen in 120 s')), 120_000);
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before listening:\n${logs.join('\n')}`));
    });
  });
  return { url, child, logs, exited };
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export async function stopApiProcess(api: ApiProcess, graceMs = 30_000): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill('SIGTERM');
  const timer = setTimeout(() => api.child.kill('SIGKILL'), graceMs);
  await api.exited;
  clearTimeout(timer);
}
