/**
 * Runs the Grapevine API (`src/main.ts`) as a child process, as operators
 * do, and waits until it is ready. The benchmark runner and the fault
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
    // The stacks bring their own data: never a generated seed.
    SEED_USERS: '0',
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
 * Spawns the API with exactly `env` (plus PATH and HOME; `env.PORT` must
 * be set) and resolves once /readyz answers 200, at any log level; rejects
 * if it exits first or is not ready within `readyTimeoutS` (default 180).
 */
export async function spawnApiProcess(
  env: Record<string, string>,
  readyTimeoutS = 180,
): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    logs.push(...lines);
  });
  child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  let exitedWith: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      resolve(exitedWith);
    });
  });
  const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT}`;
  const deadline = Date.now() + readyTimeoutS * 1000;
  while (!(await isReady(url))) {
    if (exitedWith !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API ${exitedWith === undefined ? `was not ready in ${readyTimeoutS} s`
        : `exited (${exitedWith})`}:\n${logs.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, child, logs, exited };
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
    await response.text();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export async function stopApiProcess(api: ApiProcess, graceMs = 30_000): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill('SIGTERM');
  const timer = setTimeout(() => api.child.kill('SIGKILL'), graceMs);
  await api.exited;
  clearTimeout(timer);
}
