import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubgraphDefinition } from './runSubgraph';

/**
 * A subgraph's definition, its resolvers checked against the map codegen generated from its own
 * schema: `export const subgraph = defineSubgraph<Resolvers>()({ name, typeDefs, resolvers, ... })`.
 * Curried so that `Resolvers` is given while the context and settings types are inferred.
 * Every subgraph workspace exports its definition as `subgraph` from its `main`: that is how the
 * embedded default and `runSubgraphMain` find it from the name in schema/subgraphs.json.
 */
export function defineSubgraph<TResolvers extends object>() {
  return <TContext extends BaseContext, TSettings = undefined>(
    definition: Omit<SubgraphDefinition<TContext, TSettings>, 'resolvers'> & { resolvers: TResolvers },
  ): SubgraphDefinition<TContext, TSettings> => ({
    ...definition,
    // codegen's map types scalars and `__resolveReference` more strictly than @apollo/subgraph's;
    // it was checked above against the generated type, so the one conversion lives here.
    resolvers: definition.resolvers as unknown as GraphQLResolverMap<TContext>,
  });
}
