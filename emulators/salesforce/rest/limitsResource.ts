import type { EmulatorContext } from '../context';
import type { ApiCall, ApiResult } from './apiCall';
import { methodNotAllowed } from './sobjectResources';

/** `limits`: the daily API allocation is live; the other limits are a typical org's, unused. */
export function handleLimits(ctx: EmulatorContext, call: ApiCall): ApiResult {
  if (call.method !== 'GET') throw methodNotAllowed(call.method);
  const fixed = (max: number) => ({ Max: max, Remaining: max });
  return {
    status: 200,
    endpoint: '/services/data/:version/limits',
    body: {
      ConcurrentAsyncGetReportInstances: fixed(200),
      ConcurrentSyncReportRuns: fixed(20),
      DailyApiRequests: { Max: ctx.apiUsage.max, Remaining: Math.max(0, ctx.apiUsage.max - ctx.apiUsage.used) },
      DailyAsyncApexExecutions: fixed(250000),
      DailyBulkApiBatches: fixed(15000),
      DailyBulkV2QueryFileStorageMB: fixed(976562),
      DailyBulkV2QueryJobs: fixed(10000),
      DailyDeliveredPlatformEvents: fixed(50000),
      DailyDurableStreamingApiEvents: fixed(10000),
      DailyGenericStreamingApiEvents: fixed(10000),
      DailyStreamingApiEvents: fixed(10000),
      DailyWorkflowEmails: fixed(2000),
      DataStorageMB: fixed(1024),
      FileStorageMB: fixed(2048),
      HourlyPublishedStandardVolumePlatformEvents: fixed(250000),
      MonthlyPlatformEventsUsageEntitlement: fixed(1500000),
      SingleEmail: fixed(5000),
      StreamingApiConcurrentClients: fixed(1000),
    },
  };
}
