import { runSubgraphMain } from '@supergraph/service-kit';
import { ordersSubgraph } from './server';

runSubgraphMain(ordersSubgraph, { defaultPort: 4003 }).catch((error) => {
  console.error(error);
  process.exit(1);
});
