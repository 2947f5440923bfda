import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { isUnreachable } from '../../src/observability/databaseHealth.js';

describe('isUnreachable', () => {
  it('counts a refused or lost server as an outage', () => {
    expect(isUnreachable(new Neo4jError('Failed to connect: ECONNREFUSED', 'ServiceUnavailable',
      'N/A', 'N/A'))).toBe(true);
    expect(isUnreachable(new Neo4jError('gone', 'SessionExpired', 'N/A', 'N/A'))).toBe(true);
  });

  it('does not count a busy pool as an outage (a fault the bench found under load)', () => {
    const busy = new Neo4jError('Connection acquisition timed out in 5000 ms. Pool status: ' +
      'Active conn count = 100, Idle conn count = 0.', 'N/A', 'N/A', 'N/A');
    expect(isUnreachable(busy)).toBe(false);
    expect(isUnreachable(new Error('ECONNREFUSED'))).toBe(false);
  });
});
