import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../supergraph';

/** The schema clients see: the supergraph without join__/link__ internals and @inaccessible elements. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema composed from the subgraphs' SDL in the working tree (not the committed supergraph). */
export function composedApiSchema(): GraphQLSchema {
  const { supergraphSdl, errors } = composeSupergraph();
  if (!supergraphSdl) throw new Error(`Composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  return apiSchemaOf(supergraphSdl);
}
