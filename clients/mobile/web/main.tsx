// The browser entry: react-native-web's AppRegistry mounts the same App the phone runs.
import { AppRegistry } from 'react-native';
import { App } from '../src/App';

AppRegistry.registerComponent('main', () => App);
AppRegistry.runApplication('main', { rootTag: document.getElementById('root') });
