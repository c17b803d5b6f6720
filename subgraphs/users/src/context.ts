import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { ApiKeyService } from './services/ApiKeyService';
import { AuthService, type AuthPayload, type AuthSettings } from './services/AuthService';
import { UserService } from './services/UserService';

export interface Context {
  viewer: Viewer | null;
  runtime: SubgraphRuntime;
  loaders: Loaders;
  auth: AuthService;
  users: UserService;
  apiKeys: ApiKeyService;
}

/**
 * After register, login or refresh the rest of the operation (the payload's `user { email }`)
 * is answered for the user who just signed in, not for the anonymous caller.
 */
export function signedIn(context: Context, runtime: SubgraphRuntime, payload: AuthPayload): AuthPayload {
  const viewer: Viewer = { kind: 'user', userId: payload.user.id, roles: payload.user.roles };
  context.viewer = viewer;
  context.users = new UserService(runtime, context.loaders, viewer);
  context.apiKeys = new ApiKeyService(runtime.dataSource, context.loaders, viewer);
  return payload;
}

export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime, settings: AuthSettings): Context {
  const loaders = createLoaders(runtime.dataSource);
  return {
    viewer,
    runtime,
    loaders,
    auth: new AuthService(runtime, settings),
    users: new UserService(runtime, loaders, viewer),
    apiKeys: new ApiKeyService(runtime.dataSource, loaders, viewer),
  };
}
