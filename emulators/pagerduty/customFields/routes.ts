import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { optionalActingUser } from '../http/from';
import { arrayParam } from '../http/query';
import { createFieldBody, createOptionBody, setValuesBody, updateFieldBody, updateOptionBody } from './schemas';

/** `/incidents/custom_fields` (definitions and options) and `/incidents/{id}/custom_fields/values`. */
export function customFieldsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const { customFields, customFieldRenderer: render } = ctx;
  const withOptions = (query: Parameters<typeof arrayParam>[0]) => arrayParam(query, 'include').includes('field_options');

  router.get('/incidents/custom_fields', (req, res) => {
    const include = withOptions(req.query);
    res.json({ fields: [...ctx.store.customFields.values()].map((field) => render.field(field, include)) });
  });

  router.post('/incidents/custom_fields', (req, res) => {
    const { field: input } = parseBody(createFieldBody, req.body);
    res.status(201).json({ field: render.field(customFields.create(input), true) });
  });

  router.get('/incidents/custom_fields/:fieldId', (req, res) => {
    res.json({ field: render.field(customFields.get(req.params.fieldId), withOptions(req.query)) });
  });

  router.put('/incidents/custom_fields/:fieldId', (req, res) => {
    const field = customFields.get(req.params.fieldId);
    const { field: input } = parseBody(updateFieldBody, req.body);
    res.json({ field: render.field(customFields.update(field, input)) });
  });

  router.delete('/incidents/custom_fields/:fieldId', (req, res) => {
    customFields.delete(customFields.get(req.params.fieldId));
    res.status(204).end();
  });

  router.get('/incidents/custom_fields/:fieldId/field_options', (req, res) => {
    const field = customFields.get(req.params.fieldId);
    res.json({ field_options: field.options.map((option) => render.option(option)) });
  });

  router.post('/incidents/custom_fields/:fieldId/field_options', (req, res) => {
    const field = customFields.get(req.params.fieldId);
    const { field_option: input } = parseBody(createOptionBody, req.body);
    res.status(201).json({ field_option: render.option(customFields.addOption(field, input.data.value)) });
  });

  router.put('/incidents/custom_fields/:fieldId/field_options/:optionId', (req, res) => {
    const field = customFields.get(req.params.fieldId);
    const option = customFields.option(field, req.params.optionId);
    const { field_option: input } = parseBody(updateOptionBody, req.body);
    res.json({ field_option: render.option(customFields.updateOption(field, option, input.data.value)) });
  });

  router.delete('/incidents/custom_fields/:fieldId/field_options/:optionId', (req, res) => {
    const field = customFields.get(req.params.fieldId);
    customFields.deleteOption(field, customFields.option(field, req.params.optionId));
    res.status(204).end();
  });

  router.get('/incidents/:id/custom_fields/values', (req, res) => {
    const incident = ctx.incidents.get(req.params.id);
    res.json({ custom_fields: customFields.valuesOf(incident).map(([field, value]) => render.fieldValue(field, value)) });
  });

  router.put('/incidents/:id/custom_fields/values', (req, res) => {
    const incident = ctx.incidents.get(req.params.id);
    const actor = optionalActingUser(req, res, ctx.store);
    const { custom_fields: inputs } = parseBody(setValuesBody, req.body);
    const values = customFields.setValues(incident, inputs, actor, 'api');
    // openapiv3.json answers setting values with 201 and the incident's values.
    res.status(201).json({ custom_fields: values.map(([field, value]) => render.fieldValue(field, value)) });
  });

  return router;
}
