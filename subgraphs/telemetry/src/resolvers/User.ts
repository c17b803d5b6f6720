import type { UserResolvers } from '../__generated__/resolvers-types';

/** telemetry contributes `User.devices`; users resolves the rest of the user. */
export const User: UserResolvers = {
  devices: (user, { first }, { devices }) => devices.ofOwner(user.id, first),
};
