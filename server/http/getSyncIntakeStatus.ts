import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { IntakeStatusReply } from '../../contracts/sync';

/** GET /api/sync/intake: which instance leads the Salesforce intake, last events and polls, recent problems. */
export const getSyncIntakeStatus = (ctx: AppContext) => async (_req: Request, res: Response<IntakeStatusReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await ctx.salesforceIntake.status());
};
