import { problems } from './problems.js';

/**
 * Tags (seed 003, "Discovering tags available to user"). Every account sees the seed's two tags.
 * ORGANIZATION_IMPLICIT "cannot be explicitly added, will be added automatically upon sending".
 */

// Live tags also carry a `description` (seed 003 shows none); the sandbox gives one to each.
export const SANDBOX_TAGS = [
  { id: 'TAG:a1744c47235ff2bd81333333', name: 'Acme Co.', type: 'ORGANIZATION_IMPLICIT', description: 'Every document sent from the organisation' },
  { id: 'TAG:5f744c47223ddf2bd8133306', name: 'Acme Co. - under NDA', type: 'ORGANIZATION_SHARED', description: 'Documents covered by a non-disclosure agreement' },
] as const;

/** The ORGANIZATION_IMPLICIT tag, added when a process is sent. */
export const IMPLICIT_TAG_ID = SANDBOX_TAGS[0].id;

/** Tags as a process shows them: `{id, name, type, description}`. */
export function renderTags(tagIds: string[]) {
  return tagIds.map((id) => SANDBOX_TAGS.find((tag) => tag.id === id) ?? { id, name: id, type: 'UNKNOWN', description: null });
}

/** Reads `[{"id":"TAG:…"}]` (the seed's PUT body and the `tags` member of PUT/PATCH). */
export function readTags(value: unknown, field = 'tags'): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw problems.badRequest(`${field} must be an array of {"id": "TAG:…"}.`, [{ field, message: 'must be an array' }]);
  const ids: string[] = [];
  value.forEach((item, index) => {
    const id = typeof item === 'string' ? item : (item as { id?: unknown } | null)?.id;
    const tag = SANDBOX_TAGS.find((known) => known.id === id);
    if (!tag) {
      throw problems.badRequest(`${field}[${index}].id ${JSON.stringify(id)} is not a tag available to this account (GET /api/v2/tags lists them).`, [
        { field: `${field}[${index}].id`, message: 'unknown tag' },
      ]);
    }
    if (tag.type === 'ORGANIZATION_IMPLICIT') {
      throw problems.badRequest(`${field}[${index}]: ${tag.id} is ORGANIZATION_IMPLICIT; it cannot be added explicitly, Autenti adds it when the document is sent.`, [
        { field: `${field}[${index}].id`, message: 'implicit tag' },
      ]);
    }
    if (!ids.includes(tag.id)) ids.push(tag.id);
  });
  return ids;
}
