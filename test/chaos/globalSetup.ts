/**
 * Stops the `chaos` Neo4j instance after the fault checks: it exists only
 * for them, and a check may leave it running.
 */
import { localNeo4jOptions, stopLocalNeo4j } from '../../src/db/localNeo4j.js';
import { chaosConfig } from './support.js';

export default function setup(): () => Promise<void> {
  return async () => {
    await stopLocalNeo4j(localNeo4jOptions(chaosConfig()));
  };
}
