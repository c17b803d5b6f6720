// The app in a browser: Vite bundles it with `react-native` aliased to `react-native-web` (fast and
// offline, unlike an Expo web export through Metro). The dev server and `vite preview` pass
// `/graphql` (HTTP and graphql-ws) to the router at ROUTER_URL, so the browser stays same-origin.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// String(): typescript-eslint's TypeScript 6 sees `process` as any through expo-modules-core's globals.
const routerUrl = String(process.env.ROUTER_URL ?? 'http://127.0.0.1:4000');
const proxy = { '/graphql': { target: routerUrl, ws: true, changeOrigin: true } };

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  resolve: {
    alias: [{ find: /^react-native$/, replacement: 'react-native-web' }],
    // One React: the one react-native's renderer was built for (clients/mobile/node_modules), also for
    // @apollo/client and clients/core, which would otherwise find the root's (the web app's) React.
    dedupe: ['react', 'react-dom'],
    // Libraries ship web variants as .web.js next to the native ones, as Metro expects.
    extensions: ['.web.tsx', '.web.ts', '.web.mjs', '.web.js', '.tsx', '.ts', '.mjs', '.js', '.json'],
  },
  define: {
    __DEV__: JSON.stringify(process.env.NODE_ENV !== 'production'),
    'process.env.EXPO_PUBLIC_GRAPHQL_URL': JSON.stringify(process.env.EXPO_PUBLIC_GRAPHQL_URL ?? null),
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    // react-native-web marks modules 'use client' for React Server Components, which a client bundle has no use for.
    rolldownOptions: { onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning) },
  },
  server: { proxy },
  preview: { proxy },
});
