// ESLint for the whole monorepo (`npm run lint`); the rules and why each is tuned live in
// packages/eslint-config/index.mjs.
import { supergraphConfig } from '@supergraph/eslint-config';
import reactHooks from 'eslint-plugin-react-hooks';

export default [
  ...supergraphConfig({
    // Type-aware rules on sources and tests only: they need the TypeScript program, which is what
    // makes linting slow; scripts and benchmarks get the syntactic rules.
    typeChecked: ['{packages,subgraphs}/*/{src,test}/**/*.ts', '{router,embedded}/{src,test}/**/*.ts', 'test/**/*.ts', 'clients/*/{src,test}/**/*.{ts,tsx}', 'clients/mobile/**/*.{ts,mts,tsx}'],
  }),
  // clients/core's typed documents are graphql-codegen's output (npm run codegen -w clients/core).
  { ignores: ['clients/core/src/gql/**'] },
  {
    // clients/core runs in browsers and React Native alike: no platform globals (inject them instead).
    files: ['clients/core/src/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location'] },
  },
  // The React clients: the rules of hooks (and React Compiler's checks that come with them).
  { files: ['clients/{core,web}/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
];
