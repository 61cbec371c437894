import type { Request, Response } from 'express';
import type { FieldMappingsReply } from '../../contracts/fieldMappings';
import type { AppContext } from '../context';
import { fieldMappingsView } from './authoring/fieldMappingsView';

/** GET /api/field-mappings: the custom field mappings and the account's incident custom fields for the pickers. */
export const getFieldMappings = (ctx: AppContext) => async (_req: Request, res: Response<FieldMappingsReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await fieldMappingsView(ctx));
};
