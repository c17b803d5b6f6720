import * as documents from './__generated__/operations.js';

// Each SDK method and the document it sends (src/operations/*.graphql, typed by codegen). A new
// operation is one `.graphql` document and one line here: its method is typed from the document.

/** Queries: retried on network errors, 5xx and RATE_LIMITED. */
export const queries = {
  products: documents.ProductsDocument,
  product: documents.ProductDocument,
  categories: documents.CategoriesDocument,
  me: documents.MeDocument,
  order: documents.OrderDocument,
  myOrders: documents.MyOrdersDocument,
  telemetry: documents.TelemetryDocument,
  device: documents.DeviceDocument,
  devices: documents.DevicesDocument,
  backupPolicies: documents.BackupPoliciesDocument,
  backupAgents: documents.BackupAgentsDocument,
  backupAlerts: documents.BackupAlertsDocument,
  backupReport: documents.BackupReportDocument,
  notifications: documents.NotificationsDocument,
};

/** Mutations: sent once, never retried (the first attempt may have taken effect). */
export const mutations = {
  login: documents.LoginDocument,
  refreshToken: documents.RefreshTokenDocument,
  addToCart: documents.AddToCartDocument,
  checkout: documents.CheckoutDocument,
  cancelOrder: documents.CancelOrderDocument,
  registerDevice: documents.RegisterDeviceDocument,
  ingestTelemetry: documents.IngestTelemetryDocument,
  createBackupPolicy: documents.CreateBackupPolicyDocument,
  registerBackupAgent: documents.RegisterBackupAgentDocument,
  reportBackupJob: documents.ReportBackupJobDocument,
  acknowledgeBackupAlert: documents.AcknowledgeBackupAlertDocument,
  markNotificationRead: documents.MarkNotificationReadDocument,
};

/** Subscriptions: async iterators over graphql-ws, or SSE where WebSockets are blocked. */
export const subscriptions = {
  orderStatusChanged: documents.OrderStatusChangedDocument,
  deliveryTracking: documents.DeliveryTrackingDocument,
  telemetryUpdated: documents.TelemetryUpdatedDocument,
  backupAlertRaised: documents.BackupAlertRaisedDocument,
  notificationAdded: documents.NotificationAddedDocument,
};
