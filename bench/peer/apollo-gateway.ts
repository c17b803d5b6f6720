// The reference target: stock @apollo/gateway on @apollo/server's standalone HTTP server, one
// process, serving the supergraph at SUPERGRAPH_PATH on 127.0.0.1:PORT.
// Run with APOLLO_TELEMETRY_DISABLED=1 (the harness sets it) so it sends nothing off the machine.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

async function main() {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(process.env.PORT) } });
  console.log(JSON.stringify({ url }));
}

void main();
