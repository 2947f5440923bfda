/**
 * A local Neo4j 5.26 Community server, obtained from Maven Central.
 *
 * Maven Central has no Neo4j tarball, but the pom-only artifact
 * `org.neo4j.assembly:neo4j-community-standalone` lists every jar of the
 * server as a dependency. `installNeo4j` copies them into `<dir>/lib`
 * (scripts/neo4j/pom.xml); `startLocalNeo4j` writes our own neo4j.conf and
 * runs `org.neo4j.server.CommunityEntryPoint` as a detached JVM, so the
 * server outlives the command that started it and keeps its data across
 * restarts. Each instance (dev, test, bench) has its own folder and ports
 * and shares the jars.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Logger } from 'pino';
import { projectRoot, type Config } from '../config.js';

export const NEO4J_VERSION = '5.26.12';
const MAIN_CLASS = 'org.neo4j.server.CommunityEntryPoint';
const ADMIN_CLASS = 'org.neo4j.cli.AdminTool';
const POM = path.join(projectRoot, 'scripts', 'neo4j', 'pom.xml');

/** Raised for every failure of the local server, with a `code`. */
export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
  constructor(
    readonly code:
      | 'JAVA_MISSING'
      | 'MAVEN_MISSING'
      | 'INSTALL_FAILED'
      | 'PORT_IN_USE'
      | 'START_FAILED'
      | 'AUTH_FAILED',
    message: string,
  ) {
    super(message);
  }
}

/** Where one instance lives and how it is sized. */
export interface LocalNeo4jOptions {
  /** Root folder: jars in `lib/`, each instance in a folder of its own. */
  dir: string;
  instance: string;
  boltPort: number;
  httpPort: number;
  /** JVM heap, such as `2g`. */
  heap: string;
  /** Page cache, such as `2g`. */
  pageCache: string;
  user: string;
  password: string;
  /** Seconds to wait for Bolt after starting. */
  startTimeoutS: number;
}

/** Options for the instance the configuration names. */
export function localNeo4jOptions(config: Config): LocalNeo4jOptions {
  return {
    dir: config.NEO4J_LOCAL_DIR,
    instance: config.NEO4J_LOCAL_INSTANCE,
    boltPort: config.NEO4J_LOCAL_BOLT_PORT,
    httpPort: config.NEO4J_LOCAL_HTTP_PORT,
    heap: config.NEO4J_LOCAL_HEAP,
    pageCache: config.NEO4J_LOCAL_PAGECACHE,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    startTimeoutS: config.NEO4J_LOCAL_START_TIMEOUT_S,
  };
}

interface InstancePaths {
  lib: string;
  home: string;
  conf: string;
  data: string;
  logs: string;
  run: string;
  pidFile: string;
  consoleLog: string;
}

function instancePaths(options: LocalNeo4jOptions): InstancePaths {
  const home = path.join(options.dir, options.instance);
  return {
    lib: path.join(options.dir, 'lib'),
    home,
    conf: path.join(home, 'conf'),
    data: path.join(home, 'data'),
    logs: path.join(home, 'logs'),
    run: path.join(home, 'run'),
    pidFile: path.join(home, 'run', 'neo4j.pid'),
    consoleLog: path.join(home, 'logs', 'console.log'),
  };
}

/** Checks that Java 17 or newer is on the PATH; returns its major version. */
export function checkJava(): number {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      'Java was not found on the PATH. Neo4j 5.26 needs Java 17 or 21: ' +
        'install a JDK (for example `apt-get install openjdk-17-jre-headless`) ' +
        'or set NEO4J_URI to use an existing Neo4j server.',
    );
  }
  const match = /version "(\d+)/.exec(result.stderr + result.stdout);
  const major = match ? Number(match[1]) : 0;
  if (major < 17) {
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      'Neo4j 5.26 needs Java 17 or newer, but `java -version` reports ' +
        `${major || 'an unknown version'}.`,
    );
  }
  return major;
}

function checkMaven(): void {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalNeo4jError(
      'MAVEN_MISSING',
      'Maven (`mvn`) was not found on the PATH. It fetches the Neo4j jars ' +
        'from Maven Central once: install Maven (for example ' +
        '`apt-get install maven`) or set NEO4J_URI to use an existing server.',
    );
  }
}

/** True when the jars for NEO4J_VERSION are in place. */
export function isNeo4jInstalled(dir: string): boolean {
  const marker = path.join(dir, 'lib', '.installed');
  return fs.existsSync(marker) &&
    fs.readFileSync(marker, 'utf8').trim() === NEO4J_VERSION;
}

/**
 * Copies the server's jars from Maven Central into `<dir>/lib` unless they
 * are there already. Idempotent; a failed download leaves no half folder.
 */
export function installNeo4j(dir: string, log?: Logger): void {
  if (isNeo4jInstalled(dir)) return;
  checkJava();
  checkMaven();

  const lib = path.join(dir, 'lib');
  const staging = path.join(dir, 'lib.partial');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  log?.info({ version: NEO4J_VERSION }, 'fetching Neo4j jars from Maven Central');

  const result = spawnSync(
    'mvn',
    [
      '-B', '-q', '-f', POM,
      `-Dneo4j.version=${NEO4J_VERSION}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${staging}`,
      '-DincludeScope=runtime',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    throw new LocalNeo4jError(
      'INSTALL_FAILED',
      `Maven could not fetch Neo4j ${NEO4J_VERSION}:\n${tail(output, 30)}`,
    );
  }

  fs.writeFileSync(path.join(staging, '.installed'), NEO4J_VERSION + '\n');
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(staging, lib);
  log?.info({ lib }, 'Neo4j jars installed');
}

/** JVM flags Neo4j needs on Java 17+; vector index population stalls without the opens. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
];

/** Our neo4j.conf: loopback only, sized for a 2-core, 24 GiB machine. */
function renderConf(options: LocalNeo4jOptions, paths: InstancePaths): string {
  return [
    '# Written by Grapevine (src/db/localNeo4j.ts) at every start; edit the',
    '# NEO4J_LOCAL_* settings instead of this file.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${options.boltPort}`,
    'server.bolt.enabled=true',
    `server.http.listen_address=127.0.0.1:${options.httpPort}`,
    'server.http.enabled=true',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    `server.memory.heap.initial_size=${options.heap}`,
    `server.memory.heap.max_size=${options.heap}`,
    `server.memory.pagecache.size=${options.pageCache}`,
    'db.tx_log.rotation.retention_policy=2 files',
    'db.logs.query.enabled=OFF',
    'db.transaction.timeout=120s',
    `server.directories.data=${paths.data}`,
    `server.directories.logs=${paths.logs}`,
    `server.directories.run=${paths.run}`,
    `server.directories.plugins=${path.join(paths.home, 'plugins')}`,
    `server.directories.import=${path.join(paths.home, 'import')}`,
    `server.directories.lib=${paths.lib}`,
    ...JVM_FLAGS.map((flag) => `server.jvm.additional=${flag}`),
    '',
  ].join('\n');
}

function prepareInstance(options: LocalNeo4jOptions): InstancePaths {
  const paths = instancePaths(options);
  for (const folder of [paths.conf, paths.data, paths.logs, paths.run]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  for (const folder of ['plugins', 'import']) {
    fs.mkdirSync(path.join(paths.home, folder), { recursive: true });
  }
  fs.writeFileSync(path.join(paths.conf, 'neo4j.conf'), renderConf(options, paths));
  return paths;
}

function javaEnv(paths: InstancePaths): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf };
}

/** Sets the password before the very first start, as neo4j-admin does. */
function setInitialPassword(options: LocalNeo4jOptions, paths: InstancePaths): void {
  if (fs.existsSync(path.join(paths.data, 'dbms', 'auth.ini'))) return;
  const result = spawnSync(
    'java',
    ['-cp', path.join(paths.lib, '*'), ADMIN_CLASS,
      'dbms', 'set-initial-password', options.password],
    { encoding: 'utf8', env: javaEnv(paths) },
  );
  if (result.status !== 0) {
    throw new LocalNeo4jError(
      'START_FAILED',
      `Could not set the initial Neo4j password:\n${tail(result.stderr + result.stdout, 20)}`,
    );
  }
}

function readPid(paths: InstancePaths): number | undefined {
  try {
    const pid = Number(fs.readFileSync(paths.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(MAIN_CLASS);
  } catch {
    return false;
  }
}

/** True when nothing listens on `host`:`port` (checked by binding it briefly). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function logTail(paths: InstancePaths): string {
  const parts: string[] = [];
  for (const file of [path.join(paths.logs, 'neo4j.log'), paths.consoleLog]) {
    if (fs.existsSync(file)) {
      parts.push(`--- ${file} ---\n${tail(fs.readFileSync(file, 'utf8'), 25)}`);
    }
  }
  return parts.join('\n') || '(no log was written)';
}

/** Tries Bolt with the configured credentials; returns the failure, if any. */
async function probeBolt(options: LocalNeo4jOptions): Promise<Error | undefined> {
  const driver = neo4j.driver(
    `bolt://127.0.0.1:${options.boltPort}`,
    neo4j.auth.basic(options.user, options.password),
    { connectionTimeout: 2000, maxConnectionPoolSize: 1, logging: undefined },
  );
  try {
    await driver.verifyConnectivity();
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await driver.close();
  }
}

function isAuthError(error: Error): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('Neo.ClientError.Security');
}

async function waitForBolt(
  options: LocalNeo4jOptions,
  paths: InstancePaths,
  pid: number,
): Promise<void> {
  const deadline = Date.now() + options.startTimeoutS * 1000;
  let last: Error | undefined;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new LocalNeo4jError(
        'START_FAILED',
        `Neo4j exited while starting. The end of its logs:\n${logTail(paths)}`,
      );
    }
    last = await probeBolt(options);
    if (!last) return;
    if (isAuthError(last)) {
      throw new LocalNeo4jError(
        'AUTH_FAILED',
        `Neo4j at bolt://127.0.0.1:${options.boltPort} refused user ` +
          `"${options.user}": the password was fixed when the instance ` +
          `"${options.instance}" first started. Set NEO4J_PASSWORD to that ` +
          `one, or delete ${paths.home} to start over (its data is lost).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new LocalNeo4jError(
    'START_FAILED',
    `Neo4j did not answer on Bolt port ${options.boltPort} within ` +
      `${options.startTimeoutS} s (last error: ${last?.message}). ` +
      `The end of its logs:\n${logTail(paths)}`,
  );
}

/** What `startLocalNeo4j` found or did. */
export interface LocalNeo4jStatus {
  instance: string;
  installed: boolean;
  running: boolean;
  pid?: number;
  boltUri: string;
  home: string;
}

/**
 * Installs if needed, then starts the instance and returns once Bolt answers
 * with the configured credentials. A running instance is found and reused.
 */
export async function startLocalNeo4j(
  options: LocalNeo4jOptions,
  log?: Logger,
): Promise<LocalNeo4jStatus & { alreadyRunning: boolean }> {
  const paths = instancePaths(options);
  const existing = readPid(paths);
  if (existing !== undefined && isAlive(existing)) {
    await waitForBolt(options, paths, existing);
    return { ...(await localNeo4jStatus(options)), alreadyRunning: true };
  }

  installNeo4j(options.dir, log);
  checkJava();
  for (const port of [options.boltPort, options.httpPort]) {
    if (!(await isPortFree(port))) {
      throw new LocalNeo4jError(
        'PORT_IN_USE',
        `Port ${port} on 127.0.0.1 is taken by another program, so Neo4j ` +
          `instance "${options.instance}" cannot listen there. Stop that ` +
          'program or choose other ports with NEO4J_LOCAL_BOLT_PORT and ' +
          'NEO4J_LOCAL_HTTP_PORT.',
      );
    }
  }

  prepareInstance(options);
  setInitialPassword(options, paths);
  const pid = spawnServer(options, paths);
  log?.info({ instance: options.instance, pid, boltPort: options.boltPort },
    'starting local Neo4j');
  await waitForBolt(options, paths, pid);
  log?.info({ instance: options.instance }, 'local Neo4j is up');
  return { ...(await localNeo4jStatus(options)), alreadyRunning: false };
}

function spawnServer(options: LocalNeo4jOptions, paths: InstancePaths): number {
  const out = fs.openSync(paths.consoleLog, 'a');
  const child = spawn(
    'java',
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      ...JVM_FLAGS,
      '-cp', path.join(paths.lib, '*'),
      MAIN_CLASS,
      `--home-dir=${paths.home}`,
      `--config-dir=${paths.conf}`,
    ],
    { detached: true, stdio: ['ignore', out, out], env: javaEnv(paths) },
  );
  fs.closeSync(out);
  child.unref();
  if (child.pid === undefined) {
    throw new LocalNeo4jError('START_FAILED', 'Could not launch java.');
  }
  fs.writeFileSync(paths.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** Reports whether the instance is installed and running. */
export async function localNeo4jStatus(
  options: LocalNeo4jOptions,
): Promise<LocalNeo4jStatus> {
  const paths = instancePaths(options);
  const pid = readPid(paths);
  const running = pid !== undefined && isAlive(pid);
  return {
    instance: options.instance,
    installed: isNeo4jInstalled(options.dir),
    running,
    ...(running ? { pid } : {}),
    boltUri: `bolt://127.0.0.1:${options.boltPort}`,
    home: paths.home,
  };
}

/**
 * Stops the instance: SIGTERM, then SIGKILL after `graceS` seconds.
 * Returns false when it was not running. Data stays on disk.
 */
export async function stopLocalNeo4j(
  options: LocalNeo4jOptions,
  graceS = 60,
): Promise<boolean> {
  const paths = instancePaths(options);
  const pid = readPid(paths);
  if (pid === undefined || !isAlive(pid)) {
    fs.rmSync(paths.pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceS * 1000;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(paths.pidFile, { force: true });
  return true;
}

/** Kills the instance at once (SIGKILL), as a crash would; for fault tests. */
export function killLocalNeo4j(options: LocalNeo4jOptions): boolean {
  const pid = readPid(instancePaths(options));
  if (pid === undefined || !isAlive(pid)) return false;
  process.kill(pid, 'SIGKILL');
  return true;
}
