import { describe, expect, it } from 'vitest';
import { boltUri, ConfigError, loadConfig, usesLocalNeo4j } from '../../src/config.js';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(usesLocalNeo4j(config)).toBe(true);
    expect(boltUri(config)).toBe('bolt://127.0.0.1:7687');
    expect(config.FACTOR_FOLD_IN_INTERVAL_MS).toBe(60_000);
  });

  it('uses an external server, including a routing cluster URI', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j://db.internal:7687' });
    expect(usesLocalNeo4j(config)).toBe(false);
    expect(boltUri(config)).toBe('neo4j://db.internal:7687');
  });

  it('names the variable, the value and what is allowed', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": expected/);
    expect(() => loadConfig({ NEO4J_URI: 'http://x' })).toThrow(
      /NEO4J_URI="http:\/\/x": expected a bolt:\/\/ or neo4j:\/\/ URI/,
    );
    expect(loadConfig({ FACTOR_FOLD_IN_INTERVAL_MS: '0' }).FACTOR_FOLD_IN_INTERVAL_MS).toBe(0);
    expect(() => loadConfig({ FACTOR_FOLD_IN_INTERVAL_MS: '-1' })).toThrow(
      /FACTOR_FOLD_IN_INTERVAL_MS="-1": expected/,
    );
    expect(() => loadConfig({ NEO4J_LOCAL_HEAP: 'lots' })).toThrow(
      /NEO4J_LOCAL_HEAP="lots": expected a size such as 512m or 2g/,
    );
  });

  it('refuses the development JWT secret when listening beyond loopback', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' }))
      .toThrow(/JWT_SECRET=\(hidden\): expected a secret/);
    expect(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'x'.repeat(40) }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
  });

  it('never prints secrets in its errors', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET=\(hidden\)/);
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
