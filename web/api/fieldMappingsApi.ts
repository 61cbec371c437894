import { fieldMappingEndpoints as endpoints, type FieldMappingsReply, type FieldMappingsRequest } from '../../contracts/fieldMappings';
import type { ApiClient } from './client';

/** The custom field mapping endpoints (OBJECT MAPPINGS → Custom field mappings), typed by their contract. */
export class FieldMappingsApi {
  constructor(private readonly api: ApiClient) {}

  fieldMappings(signal?: AbortSignal): Promise<FieldMappingsReply> {
    return this.api.call(endpoints.getFieldMappings, { signal });
  }

  saveFieldMappings(body: FieldMappingsRequest): Promise<FieldMappingsReply> {
    return this.api.call(endpoints.putFieldMappings, { body });
  }
}
