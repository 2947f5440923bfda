/**
 * An Apollo plugin that times every GraphQL request into
 * `grapevine_graphql_request_duration_seconds`, labelled by operation and
 * outcome (`ok`, or `error` when the response carries any error).
 *
 * The operation label is the operation's name when it has one, else
 * `anonymous`; a request that never resolved to an operation (it did not
 * parse or validate) is `invalid`. Clients choose names, so only the first
 * `maxOperations` distinct names get a series of their own and later ones
 * count as `other`: a hostile client cannot grow the registry without
 * bound. Requests refused before Apollo runs (a bad token, a body that is
 * not JSON) are not timed here.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from './metrics.js';

/** A well-formed GraphQL name of reasonable length. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface GraphQLMetricsOptions {
  /** Distinct operation names that get their own series (default 200). */
  maxOperations?: number;
}

/** Builds the plugin; one per Apollo server. */
export function createGraphQLMetricsPlugin<Context extends object>(
  metrics: Metrics,
  options: GraphQLMetricsOptions = {},
): ApolloServerPlugin<Context> {
  const maxOperations = options.maxOperations ?? 200;
  const seen = new Set<string>();

  const labelFor = (name: string | null | undefined, parsed: boolean): string => {
    if (!parsed) return 'invalid';
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= maxOperations) return 'other';
    seen.add(name);
    return name;
  };

  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body;
          const failed = (errors?.length ?? 0) > 0 ||
            (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0);
          const label = labelFor(operation?.name?.value ?? operationName,
            operation !== undefined);
          metrics.graphqlDuration.observe(
            { operation: label, outcome: failed ? 'error' : 'ok' },
            seconds,
          );
        },
      };
    },
  };
}
