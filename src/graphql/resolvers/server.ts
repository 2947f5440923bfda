/** Resolvers for `serverInfo`. */
import type { GraphQLContext } from '../context.js';

export const serverResolvers = {
  Query: {
    serverInfo: (_root: unknown, _args: unknown, context: GraphQLContext) => ({
      version: context.services.version,
      neo4jVersion: async () => {
        const rows = await context.services.db.readText<{ version: string }>(
          'CALL dbms.components() YIELD versions RETURN versions[0] AS version',
        );
        return rows[0]?.version ?? 'unknown';
      },
      migrations: async () => {
        const rows = await context.services.db.readText<{ id: string }>(
          'MATCH (m:_Migration) RETURN m.id AS id ORDER BY id',
        );
        return rows.map((row) => row.id);
      },
    }),
  },
};
