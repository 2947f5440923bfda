/** The admin-only `ingest` mutation. */
import { ingestBatch } from '../../social/ingest.js';
import { requireAdmin } from '../auth.js';
import { refreshLoaders } from '../context.js';
import type { MutationResolvers } from '../generated/types.js';

export const ingestResolvers: { Mutation: Pick<MutationResolvers, 'ingest'> } = {
  Mutation: {
    ingest: async (_root, { input }, context) => {
      requireAdmin(context);
      const counts = await ingestBatch(context.services.db, input);
      refreshLoaders(context);
      return counts;
    },
  },
};
