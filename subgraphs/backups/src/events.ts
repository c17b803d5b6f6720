// Backups' own pub/sub channels. Topics (what crosses services) are in @supergraph/contracts.

/** Alerts raised or escalated for one owner's agents. */
export const ownerAlertChannel = (ownerId: string) => `backups.alert.raised.${ownerId}`;

/** Every alert raised, for admins and operators. */
export const ALL_ALERTS_CHANNEL = 'backups.alert.raised';

/** What goes on both channels: the alert's id (subscribers read the alert as committed). */
export interface AlertRaised {
  alertId: string;
}
