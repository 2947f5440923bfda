/**
 * Depth and cost limits, checked after validation and before execution
 * (an Apollo plugin), so an operation over either limit runs nothing and
 * gets QUERY_TOO_COMPLEX with `extensions.limit`, `extensions.measured`
 * and `extensions.allowed`.
 *
 * Depth counts nested fields. Cost is an upper estimate of the objects an
 * operation may return: each field costs 1, and what a list field with a
 * `first` argument selects is counted `first` times (its value after
 * variables and defaults, held to 1..100 so that out-of-range values reach
 * the resolver and its BAD_USER_INPUT). Fragments count where they are
 * spread; introspection fields (`__schema`, `__type`) are not counted.
 *
 * Types are told apart by shape, not `instanceof`: under vitest the schema
 * and this module may load different builds of graphql-js.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from './context.js';
import { ErrorCode } from './errors.js';
import { MAX_PAGE_SIZE } from './pagination.js';

export interface QueryLimits {
  /** Deepest field nesting allowed. */
  maxDepth: number;
  /** Highest estimated cost allowed. */
  maxCost: number;
}

/** Depth and cost of one selection set. */
export interface Measure {
  depth: number;
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Fields = Record<string, GraphQLField<unknown, unknown>>;
/** A type whose values have fields: an object or interface (unions: none). */
type Composite = { name?: string; getFields?: () => Fields };

function namedType(type: GraphQLType): GraphQLNamedType {
  let inner: GraphQLType = type;
  while ('ofType' in inner && inner.ofType) inner = inner.ofType;
  return inner as GraphQLNamedType;
}

/** Measures a selection set whose parent has the type `parent`. */
export function measureSelection(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: Composite,
  spreads: ReadonlySet<string> = new Set(),
): Measure {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    const inner = selection.kind === Kind.FIELD
      ? measureField(walk, selection, parent, spreads)
      : measureFragment(walk, selection, parent, spreads);
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
  }
  return { depth, cost };
}

/** Measures an inline fragment or a spread (each named fragment once per path). */
function measureFragment(
  walk: Walk,
  selection: InlineFragmentNode | FragmentSpreadNode,
  parent: Composite,
  spreads: ReadonlySet<string>,
): Measure {
  const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
  const fragment = name === null ? selection as InlineFragmentNode : walk.fragments[name];
  if (!fragment || (name !== null && spreads.has(name))) return { depth: 0, cost: 0 };
  const condition = fragment.typeCondition
    ? walk.schema.getType(fragment.typeCondition.name.value)
    : parent;
  const type = (condition as Composite | undefined | null) ?? parent;
  const seen = name === null ? spreads : new Set([...spreads, name]);
  return measureSelection(walk, fragment.selectionSet, type, seen);
}

/**
 * Extra cost of root fields that run the recommendation engine: each is
 * worth many list reads (candidate sources, walks, a snapshot write), so a
 * request cannot alias dozens of feeds. With the default limit of 5000 an
 * operation holds at most four feeds or sixteen similar-post lists.
 */
export const ENGINE_FIELD_COST: Readonly<Record<string, number>> = {
  feed: 1000,
  similarPosts: 250,
  whoToFollow: 250,
  explainRecommendation: 100,
  communities: 100,
};

function measureField(
  walk: Walk,
  field: FieldNode,
  parent: Composite,
  spreads: ReadonlySet<string>,
): Measure {
  if (field.name.value.startsWith('__')) return { depth: 0, cost: 0 };
  const definition = parent.getFields?.()[field.name.value];
  if (!definition || !field.selectionSet) return { depth: 1, cost: 1 };
  const type = namedType(definition.type) as Composite;
  const inner = measureSelection(walk, field.selectionSet, type, spreads);
  const own = 1 + (parent.name === 'Query' ? ENGINE_FIELD_COST[field.name.value] ?? 0 : 0);
  return { depth: inner.depth + 1, cost: own + inner.cost * pageSize(walk, definition, field) };
}

/** The `first` a field asks for (literal, variable or default), held to 1..100. */
function pageSize(walk: Walk, definition: GraphQLField<unknown, unknown>, field: FieldNode) {
  const declared = definition.args.find((arg) => arg.name === 'first');
  if (!declared) return 1;
  const given = field.arguments?.find((arg) => arg.name.value === 'first')?.value;
  let first: unknown = declared.defaultValue;
  if (given?.kind === Kind.INT) first = Number(given.value);
  if (given?.kind === Kind.VARIABLE) first = walk.variables[given.name.value] ?? first;
  return typeof first === 'number' && Number.isFinite(first)
    ? Math.min(Math.max(Math.trunc(first), 1), MAX_PAGE_SIZE)
    : 1;
}

function tooComplex(limit: 'depth' | 'cost', measured: number, allowed: number): GraphQLError {
  return new GraphQLError(
    `The operation's ${limit} must be at most ${allowed}, but it is ${measured}; ` +
      'ask for fewer nested fields or smaller pages.',
    {
      extensions: {
        code: ErrorCode.QUERY_TOO_COMPLEX,
        limit,
        measured,
        allowed,
        http: { status: 400 },
      },
    },
  );
}

/** The Apollo plugin that refuses operations over the limits. */
export function createQueryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          const root = operation && (schema.getRootType(operation.operation) as Composite);
          if (!operation || !root) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) {
              fragments[definition.name.value] = definition;
            }
          }
          const walk = { schema, fragments, variables: request.variables ?? {} };
          const { depth, cost } = measureSelection(walk, operation.selectionSet, root);
          if (depth > limits.maxDepth) throw tooComplex('depth', depth, limits.maxDepth);
          if (cost > limits.maxCost) throw tooComplex('cost', cost, limits.maxCost);
        },
      };
    },
  };
}
