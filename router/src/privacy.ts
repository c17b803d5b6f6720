/**
 * Imported first by every router module that loads `@apollo/gateway`, for its side effect.
 *
 * Every `ApolloGateway` (2.x) starts Apollo's "data collection" in its constructor unless
 * APOLLO_TELEMETRY_DISABLED is `true` or `1`: an OpenTelemetry meter provider that runs the AWS,
 * GCP, Azure and Alibaba cloud resource detectors (requests to the link-local metadata address)
 * and exports usage metrics every hour to Apollo's OTLP endpoint. A router must reach nothing but
 * what its operator configured, so collection is off unless the operator sets the variable
 * themselves (`APOLLO_TELEMETRY_DISABLED=false` opts in). Set here, before the gateway module
 * loads, so that no entry point (router, embedded, tests, benchmarks) can construct a gateway first.
 */
const explicit = process.env.APOLLO_TELEMETRY_DISABLED;
if (explicit === undefined || explicit.trim() === '') process.env.APOLLO_TELEMETRY_DISABLED = 'true';

/** What the gateway will decide when it is constructed: the same test as @apollo/gateway's. */
export function apolloTelemetryDisabled(): boolean {
  const value = process.env.APOLLO_TELEMETRY_DISABLED;
  return value === 'true' || value === '1';
}
