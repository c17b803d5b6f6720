import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { ApiKeyService } from './services/ApiKeyService';
import { AuthService, type AuthSettings } from './services/AuthService';
import { UserService } from './services/UserService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  auth: AuthService;
  users: UserService;
  apiKeys: ApiKeyService;
}

export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime, settings: AuthSettings): Context {
  const loaders = createLoaders(runtime.dataSource);
  return {
    viewer,
    loaders,
    auth: new AuthService(runtime.dataSource, settings),
    users: new UserService(runtime.dataSource, loaders, viewer),
    apiKeys: new ApiKeyService(runtime.dataSource, loaders, viewer),
  };
}
