/**
 * The orders the envelope list offers (`GET /api/v1/envelopes?sort=`): newest first by default.
 * Each has an index that holds it (migration 2026-12-05), so a page costs the same however deep.
 */
export const ENVELOPE_SORTS = ['created', 'updated', 'title', 'status'] as const;
export type EnvelopeSort = (typeof ENVELOPE_SORTS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
