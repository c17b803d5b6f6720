// The monorepo's ESLint rules, as a flat config that the root eslint.config.mjs spreads.
//
// Why a workspace of its own: typescript-eslint reads types through TypeScript's JavaScript API,
// which the native TypeScript 7 compiler the rest of the repo builds and type-checks with does
// not have (typescript-eslint supports TypeScript < 6.1). This workspace pins TypeScript 6 for
// typescript-eslint alone: npm installs it under packages/eslint-config/node_modules, next to
// typescript-eslint, so `tsc` everywhere else stays TypeScript 7.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Node's CommonJS/ESM globals for the few plain JavaScript files (jest.config.js, scripts/*.mjs). */
const nodeGlobals = { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', URL: 'readonly', __dirname: 'readonly', __filename: 'readonly' };

/**
 * @param {{ typeChecked: string[] }} options globs of the TypeScript files that get the type-aware rules
 *   (sources and tests; scripts and benchmarks get the syntactic ones, which need no type information)
 */
export function supergraphConfig({ typeChecked }) {
  return tseslint.config(
    {
      ignores: ['**/__generated__/**', '**/dist/**', '**/node_modules/**', '**/data/**', '**/coverage/**', '**/.turbo/**', 'bench/results/**'],
    },
    {
      files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
      extends: [js.configs.recommended],
      languageOptions: { globals: nodeGlobals },
    },
    {
      files: ['**/*.{ts,tsx}'],
      extends: [js.configs.recommended, tseslint.configs.recommended],
      rules: {
        // Any `any` or `as never` in the sources carries an eslint-disable comment saying why.
        '@typescript-eslint/no-explicit-any': 'error',
        'no-restricted-syntax': [
          'error',
          { selector: 'TSAsExpression > TSNeverKeyword', message: '`as never` switches type checking off: type the value, or disable this rule on the line and say why.' },
        ],
        // `_`-prefixed names are the convention for a parameter a signature needs but the body does not use.
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      },
    },
    {
      files: typeChecked,
      extends: [tseslint.configs.recommendedTypeChecked],
      languageOptions: { parserOptions: { projectService: true } },
      rules: {
        // An async function without `await` is deliberate here: it implements a promise-returning
        // signature (resolvers, hooks, handlers) and turns a throw into a rejection.
        '@typescript-eslint/require-await': 'off',
        // graphql-js types operation kinds as an enum (OperationTypeNode) whose values are the
        // spec's strings; `operation === 'subscription'` is graphql-js's own documented usage.
        '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      },
    },
    {
      // Tests read GraphQL responses as untyped JSON (`await res.json()`, `result.body`) and check
      // their shape with assertions at run time; typing every response would add noise and catch
      // nothing the assertions don't. Sources keep every one of these rules.
      files: ['**/test/**/*.ts', 'test/**/*.ts', 'packages/testkit/src/**/*.ts'],
      rules: {
        // Tests await disposers that libraries type as returning void (graphql-ws, ws) so that
        // the next test starts clean whether or not they return a promise.
        '@typescript-eslint/await-thenable': 'off',
        // `expect(service.method).toHaveBeenCalled()` and friends pass methods unbound on purpose.
        '@typescript-eslint/unbound-method': 'off',
        // Test servers handle requests with async listeners (`req.on('end', async () => ...)`),
        // and failures surface as failed assertions in the test that sent the request.
        '@typescript-eslint/no-misused-promises': 'off',
        // Messages from sockets are stringified as they come (String(data)) to be parsed as JSON.
        '@typescript-eslint/no-base-to-string': 'off',
        '@typescript-eslint/no-explicit-any': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
      },
    },
    {
      // Benchmarks are not shipped and parse their probes' untyped JSON output.
      files: ['bench/**/*.ts'],
      rules: { '@typescript-eslint/no-explicit-any': 'off' },
    },
    // Every eslint-disable names its rule and says why (`-- reason`), and none outlives its finding.
    comments.recommended,
    {
      rules: {
        '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
        // A file-wide disable at the top (with its reason) is allowed; elsewhere, re-enable.
        '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
        '@eslint-community/eslint-comments/no-unused-disable': 'error',
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
    },
    // Last: turns off every stylistic rule that Prettier owns, so the two never disagree.
    prettier,
  );
}
