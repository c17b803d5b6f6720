// Where the router is. A phone cannot reach the laptop's 127.0.0.1: `npx expo start` takes
// EXPO_PUBLIC_GRAPHQL_URL (e.g. http://192.168.1.20:4000/graphql), which Expo inlines at bundle
// time. In a browser the page's own origin serves /graphql (the Vite proxy), so nothing is needed.

function defaultUrl(): string {
  const origin = typeof location === 'undefined' ? undefined : location.origin;
  return origin?.startsWith('http') ? `${origin}/graphql` : 'http://127.0.0.1:4000/graphql';
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typescript-eslint's TypeScript 6 types `process` as any through expo-modules-core's global declaration (tsc 7 types it); the literal `process.env.EXPO_PUBLIC_…` is what Expo and Vite replace
export const graphqlUrl: string = process.env.EXPO_PUBLIC_GRAPHQL_URL ?? defaultUrl();
export const graphqlWsUrl = graphqlUrl.replace(/^http/, 'ws');
