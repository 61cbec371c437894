import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { pagerDutyDirectory } from './authoring/pagerDutyDirectory';
import type { PagerDutyMetadataReply } from '../../contracts/authoring';

/** GET /api/metadata/pagerduty: services, escalation policies, priorities and users (cached ~60 s); `?fresh=1` rereads. */
export const getPagerDutyMetadata = (ctx: AppContext) => async (req: Request, res: Response<PagerDutyMetadataReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await pagerDutyDirectory(ctx, { fresh: req.query.fresh === '1' }));
};
