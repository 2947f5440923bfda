/**
 * The per-request GraphQL context. Everything request-scoped (the viewer,
 * DataLoaders) is created here, fresh for each request.
 */
import type { Services } from '../services.js';

export interface GraphQLContext {
  services: Services;
  /** An id for log lines of this request. */
  requestId: string;
}

/** Builds the context of one request. */
export async function createContext(
  services: Services,
  requestId: string,
): Promise<GraphQLContext> {
  return { services, requestId };
}
