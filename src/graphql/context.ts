/**
 * The per-request GraphQL context. Everything request-scoped (the viewer,
 * DataLoaders) is created here, fresh for each request.
 *
 * Other schema areas (feed, similar posts, who to follow) read the viewer
 * from `context.viewer` and turn post and user ids into records with
 * `context.loaders.posts` and `context.loaders.users`, which apply the
 * visibility rules.
 */
import type { Services } from '../services.js';
import { createLoaders, type Loaders } from './loaders.js';

/** The authenticated user a request acts as. */
export interface Viewer {
  id: string;
  /** The token carries the admin role. */
  admin: boolean;
}

export interface GraphQLContext {
  services: Services;
  /** An id for log lines of this request. */
  requestId: string;
  /** Who is asking; null for anonymous requests. */
  viewer: Viewer | null;
  /** This request's DataLoaders; replaced after every write. */
  loaders: Loaders;
}

/** Builds the context of one request. */
export async function createContext(
  services: Services,
  requestId: string,
  viewer: Viewer | null = null,
): Promise<GraphQLContext> {
  return {
    services,
    requestId,
    viewer,
    loaders: createLoaders(services.db, viewer?.id ?? null),
  };
}

/**
 * Drops everything this request's loaders cached, so that fields read
 * after a mutation see what it wrote.
 */
export function refreshLoaders(context: GraphQLContext): void {
  context.loaders = createLoaders(context.services.db, context.viewer?.id ?? null);
}
