// Metro (`npx expo start`, `npx expo export`). In this monorepo the root node_modules holds the web
// app's React, while react-native 0.86's renderer needs exactly the React in clients/mobile's own
// node_modules (Expo SDK 57 pins it). Every import of react / react-dom, also from @apollo/client
// and clients/core, resolves as if from this folder, so the app bundles that one React.
const path = require('node:path');
const { getDefaultConfig } = require('expo/metro-config');

const config = getDefaultConfig(__dirname);
const PINNED = new Set(['react', 'react-dom']);
const fromHere = path.join(__dirname, 'index.ts');

config.resolver.resolveRequest = (context, moduleName, platform) => {
  const from = PINNED.has(moduleName.split('/')[0]) ? { ...context, originModulePath: fromHere } : context;
  return from.resolveRequest(from, moduleName, platform);
};

module.exports = config;
