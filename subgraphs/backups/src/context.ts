import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { AgentService } from './services/AgentService';
import { AlertService } from './services/AlertService';
import { JobService } from './services/JobService';
import { PolicyService } from './services/PolicyService';
import { ReportService } from './services/ReportService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  agents: AgentService;
  policies: PolicyService;
  jobs: JobService;
  alerts: AlertService;
  reports: ReportService;
}

/** A fresh context per operation: loaders cache only within one request; services bound to the caller. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return {
    viewer,
    loaders,
    agents: new AgentService(runtime, loaders, viewer),
    policies: new PolicyService(runtime, loaders, viewer),
    jobs: new JobService(runtime, loaders, viewer),
    alerts: new AlertService(runtime, viewer),
    reports: new ReportService(runtime, loaders, viewer),
  };
}
