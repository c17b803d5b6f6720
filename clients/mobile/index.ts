// The native entry (Expo Go, `npx expo start`): Expo's registerRootComponent mounts the app.
import { registerRootComponent } from 'expo';
import { App } from './src/App';

registerRootComponent(App);
