import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { consoleLinksFor } from './views/consoleLinks';
import { SyncLogReader } from './views/syncLog';
import { syncLogIdParams, type SyncJobRetryReply } from '../../contracts/syncLog';
import { parseInput } from './validate';

/**
 * POST /api/sync/jobs/:id/retry: a dead (or waiting failed) job gets a fresh set of attempts now.
 * 409 when the job is pending, running or done: there is nothing to retry.
 */
export const postSyncJobRetry = (ctx: AppContext, options: { onRetried?: (task: string) => void } = {}) => {
  const reader = new SyncLogReader(ctx.db);
  return async (req: Request, res: Response<SyncJobRetryReply>) => {
    const { id } = parseInput(syncLogIdParams, req.params);
    const job = await ctx.jobs.get(id);
    if (!job) throw new AppError('not_found', `There is no job ${id}.`);
    if (job.state !== 'dead' && job.state !== 'failed') {
      throw new AppError('conflict', `Job ${id} is ${job.state}: only dead or failed jobs can be retried.`, { state: job.state });
    }
    // Another admin or instance may have retried it in between: then it is no longer retryable.
    if (!(await ctx.sync.retry(id))) {
      const now = await ctx.jobs.get(id);
      throw new AppError('conflict', `Job ${id} is ${now?.state ?? 'gone'}: only dead or failed jobs can be retried.`, { state: now?.state ?? null });
    }
    ctx.logger.info({ jobId: id, task: job.task, previousState: job.state }, 'job retried by an admin');
    options.onRetried?.(job.task);
    const caseUrlOf = await consoleLinksFor(ctx.sessions.salesforce).caseUrlOf();
    const retried = await reader.job(id, caseUrlOf);
    if (!retried) throw new AppError('not_found', `Job ${id} disappeared during the retry.`);
    res.json({ job: retried });
  };
};
