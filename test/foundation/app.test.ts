import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { createDriver, Database } from '../../src/db/database.js';
import { startGrapevine } from '../../src/grapevine.js';
import { silentLogger } from '../../src/log.js';
import { testConfig, useTestDatabase } from '../support/database.js';
import { postGraphQL, useTestServer } from '../support/server.js';

describe('the HTTP server', () => {
  const server = useTestServer();

  it('answers /healthz while the process is up', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready once Neo4j answers and migrations are applied', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, neo4j: 'up', migrations: 'applied' });
  });

  it('serves GraphQL with the server and Neo4j versions', async () => {
    const response = await postGraphQL<{ serverInfo: Record<string, unknown> }>(
      server.url,
      '{ serverInfo { version neo4jVersion migrations } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.serverInfo).toMatchObject({
      version: '0.1.0',
      neo4jVersion: '5.26.12',
      migrations: expect.arrayContaining(['0003_post_embedding_vector_index']),
    });
  });

  it('gives a stable code to an invalid query', async () => {
    const response = await postGraphQL(server.url, '{ noSuchField }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('stopping the API', () => {
  const t = useTestDatabase();

  it('finishes in-flight requests and leaves Neo4j and its data running', async () => {
    const grapevine = await startGrapevine(testConfig({ PORT: 0 }), silentLogger);
    await t.db.writeText("CREATE (:User {id: 'survivor', handle: 'survivor'})");
    const url = `http://127.0.0.1:${grapevine.port}`;

    // Stop once the server has the request in hand (a connection whose
    // request has not arrived yet counts as idle and is closed).
    const received = new Promise((resolve) => grapevine.app.httpServer.once('request', resolve));
    const inFlight = postGraphQL(url, '{ serverInfo { neo4jVersion } }');
    await received;
    await grapevine.close();
    expect((await inFlight).data).toEqual({ serverInfo: { neo4jVersion: '5.26.12' } });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    const config = testConfig();
    const fresh = new Database(createDriver(config), config.NEO4J_DATABASE);
    const rows = await fresh.readText("MATCH (u:User {id: 'survivor'}) RETURN u.handle AS handle");
    await fresh.close();
    expect(rows).toEqual([{ handle: 'survivor' }]);
  });
});

describe('starting the API', () => {
  it('refuses at once, with a clear message, when its port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const starting = startGrapevine(testConfig({ PORT: port }), silentLogger);
      await expect(starting).rejects.toBeInstanceOf(ConfigError);
      await expect(starting).rejects.toThrow(`PORT ${port} on 127.0.0.1 is taken`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
