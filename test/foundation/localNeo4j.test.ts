import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LocalNeo4jError,
  localNeo4jOptions,
  localNeo4jStatus,
  startLocalNeo4j,
} from '../../src/db/localNeo4j.js';
import { testConfig } from '../support/database.js';

const options = localNeo4jOptions(testConfig());

describe('startLocalNeo4j', () => {
  it('finds the running test server instead of starting a second one', async () => {
    const before = await localNeo4jStatus(options);
    const first = await startLocalNeo4j(options);
    const second = await startLocalNeo4j(options);
    expect(before.running).toBe(true);
    expect(first.alreadyRunning).toBe(true);
    expect(second.alreadyRunning).toBe(true);
    expect(second.pid).toBe(before.pid);
  });

  it('says which port is taken when another program holds it', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grapevine-neo4j-'));
    fs.symlinkSync(path.join(options.dir, 'lib'), path.join(dir, 'lib'));
    try {
      const attempt = startLocalNeo4j({ ...options, dir, instance: 'blocked', boltPort: port });
      await expect(attempt).rejects.toThrow(LocalNeo4jError);
      await expect(attempt).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: expect.stringContaining(`Port ${port} on 127.0.0.1 is taken`),
      });
    } finally {
      blocker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses wrong credentials with a message that says how to fix them', async () => {
    const attempt = startLocalNeo4j({ ...options, password: 'not-the-password' });
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(attempt).rejects.toThrow(/Set NEO4J_PASSWORD/);
  });
});
