export { opsMetrics, OpsMetrics, type CommandOutcome, type JobTiming, type QueueDepth, type QueueDepthCollector } from './metrics.js';
export { bullmqQueueCollector, observeWorker } from './queue-metrics.js';
export {
  checkHealth,
  type ComponentHealth,
  type ComponentStatus,
  type GatewayHealth,
  type HealthProbe,
  type HealthReport,
  type ShardHealth,
} from './health.js';
export { startOpsServer, OPS_HOST, type OpsServer, type OpsServerOptions } from './ops-server.js';
export { DASHBOARD_PATH } from './queue-dashboard.js';
