// The subgraph as its own process; its default port is its entry in schema/subgraphs.json.
import { runSubgraphMain } from '@supergraph/service-kit';
import { subgraph } from './server';

runSubgraphMain(subgraph).catch((error) => {
  console.error(error);
  process.exit(1);
});
