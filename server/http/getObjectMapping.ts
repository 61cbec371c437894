import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { objectMappingView } from './authoring/objectMappingView';
import type { ObjectMappingReply } from '../../contracts/authoring';

/** GET /api/object-mapping: the OBJECT MAPPINGS tab's settings and the matched PagerDuty user. */
export const getObjectMapping = (ctx: AppContext) => async (_req: Request, res: Response<ObjectMappingReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await objectMappingView(ctx));
};
