import { runSubgraphMain } from '@supergraph/service-kit';
import { productsSubgraph } from './server';

void runSubgraphMain(productsSubgraph, { defaultPort: 4002 }).catch((error) => {
  console.error(error);
  process.exit(1);
});
