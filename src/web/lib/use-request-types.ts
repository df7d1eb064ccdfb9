import type { RequestTypeInfo } from './request-types.js';
import { type ApiData, useApiData } from './use-api-data.js';

/** GET /api/requests/types: every kind of application with its form, labels and field schema. */
export function useRequestTypes(): ApiData<{ types: RequestTypeInfo[] }> {
  return useApiData<{ types: RequestTypeInfo[] }>('/api/requests/types');
}
