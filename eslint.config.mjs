// ESLint for the whole monorepo (`npm run lint`); the rules and why each is tuned live in
// packages/eslint-config/index.mjs.
import { supergraphConfig } from '@supergraph/eslint-config';

export default supergraphConfig({
  // Type-aware rules on sources and tests only: they need the TypeScript program, which is what
  // makes linting slow; scripts and benchmarks get the syntactic rules.
  typeChecked: ['{packages,subgraphs}/*/{src,test}/**/*.ts', '{router,embedded}/{src,test}/**/*.ts', 'test/**/*.ts', 'clients/sdk/{src,test}/**/*.ts'],
});
