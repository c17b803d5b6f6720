import { runSubgraphMain } from '@supergraph/service-kit';
import { productsSubgraph } from './server';

runSubgraphMain(productsSubgraph, { defaultPort: 4002 }).catch((error) => {
  console.error(error);
  process.exit(1);
});
