import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app calls /graphql on its own origin (HTTP and graphql-ws); the dev and preview servers pass
// it on to the router, so the browser never makes a cross-origin request (no CORS to open).
const target = process.env.SUPERGRAPH_URL ?? 'http://localhost:4000';
const proxy = { '/graphql': { target, changeOrigin: true, ws: true } };

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
});
