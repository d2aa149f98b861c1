import type { Scope } from '../domain/roles.js';

/** What a route needs, and what it leaves in the audit log when it succeeds. */
export interface RouteAccess {
  scope: Scope;
  /**
   * noun.verb for the audit log: the route's action writes the line, in the transaction that carries
   * it out (`recordActionIn`, src/app/action-request.ts); the target is the route's id parameter or what it made.
   */
  audit?: string;
}

/**
 * THE authorization rule of the API: every /api/v1 route (method and pattern, without the prefix)
 * and the scope it needs. A route missing here makes the server refuse to start (see
 * src/api/auth.ts), so that no route can be added without deciding who may call it.
 *
 * Which envelopes and documents a principal sees is the other half: see `viewerOf` in
 * src/app/principal.ts (own and shared ones, or all with `envelopes:all`).
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /providers': { scope: 'connections:read' },
  'GET /connections': { scope: 'connections:read' },
  'GET /connections/:connectionId': { scope: 'connections:read' },
  'POST /connections': { scope: 'connections:admin', audit: 'connection.created' },
  'PATCH /connections/:connectionId': { scope: 'connections:admin', audit: 'connection.updated' },
  'DELETE /connections/:connectionId': { scope: 'connections:admin', audit: 'connection.deleted' },
  'POST /connections/:connectionId/verify': { scope: 'connections:admin' },
  'POST /connections/:connectionId/rotate-key': { scope: 'connections:admin', audit: 'connection.key-rotated' },

  'GET /documents': { scope: 'documents:read' },
  'GET /documents/:documentId': { scope: 'documents:read' },
  'GET /documents/:documentId/content': { scope: 'documents:read' },
  'GET /documents/:documentId/rendition': { scope: 'documents:read' },
  'POST /documents': { scope: 'documents:write' },
  'DELETE /documents/:documentId': { scope: 'documents:write' },
  'PUT /documents/:documentId/visibility': { scope: 'documents:write' },

  'GET /envelopes': { scope: 'envelopes:read' },
  'GET /envelopes/counts': { scope: 'envelopes:read' },
  'GET /envelopes/:envelopeId': { scope: 'envelopes:read' },
  'GET /envelopes/:envelopeId/artifacts': { scope: 'envelopes:read' },
  'GET /envelopes/:envelopeId/artifacts/:artifactId/content': { scope: 'envelopes:read' },
  'GET /envelopes/:envelopeId/artifacts.zip': { scope: 'envelopes:read' },
  'GET /envelopes/:envelopeId/certificate': { scope: 'envelopes:read' },
  'GET /jobs/:jobId': { scope: 'envelopes:read' },
  'POST /envelopes': { scope: 'envelopes:write' },
  'PATCH /envelopes/:envelopeId': { scope: 'envelopes:write' },
  'POST /envelopes/:envelopeId/clone': { scope: 'envelopes:write' },
  // Templates hold no person: reading them is reading envelopes; saving, changing and filling them, writing.
  'GET /templates': { scope: 'envelopes:read' },
  'GET /templates/:templateId': { scope: 'envelopes:read' },
  'GET /templates/:templateId/bulk-send.csv': { scope: 'envelopes:read' },
  'GET /templates/:templateId/bulk-sends': { scope: 'envelopes:read' },
  'GET /templates/:templateId/bulk-sends/:bulkSendId': { scope: 'envelopes:read' },
  'POST /templates': { scope: 'envelopes:write', audit: 'template.created' },
  'PATCH /templates/:templateId': { scope: 'envelopes:write', audit: 'template.updated' },
  'DELETE /templates/:templateId': { scope: 'envelopes:write', audit: 'template.deleted' },
  'POST /templates/:templateId/envelopes': { scope: 'envelopes:write' },
  'POST /templates/:templateId/bulk-sends': { scope: 'envelopes:write', audit: 'template.bulk-sent' },
  'DELETE /envelopes/:envelopeId': { scope: 'envelopes:write', audit: 'envelope.deleted' },
  'PUT /envelopes/:envelopeId/visibility': { scope: 'envelopes:write' },
  'POST /envelopes/:envelopeId/participants': { scope: 'envelopes:write' },
  'PATCH /envelopes/:envelopeId/participants/:participantId': { scope: 'envelopes:write' },
  'DELETE /envelopes/:envelopeId/participants/:participantId': { scope: 'envelopes:write' },
  // The URL signs in as that participant: only those who may change the envelope get it.
  'GET /envelopes/:envelopeId/participants/:participantId/signing-url': { scope: 'envelopes:write' },
  'POST /envelopes/:envelopeId/send': { scope: 'envelopes:write', audit: 'envelope.sent' },
  // Resending or marking sent is a send: the same scope.
  'POST /envelopes/:envelopeId/send-decision': { scope: 'envelopes:write', audit: 'envelope.send-decided' },
  'POST /envelopes/:envelopeId/withdraw': { scope: 'envelopes:write', audit: 'envelope.withdrawn' },
  'POST /envelopes/:envelopeId/remind': { scope: 'envelopes:write', audit: 'envelope.reminded' },
  'POST /envelopes/:envelopeId/extend-expiry': { scope: 'envelopes:write', audit: 'envelope.expiry-extended' },
  'POST /envelopes/:envelopeId/skip-pending': { scope: 'envelopes:write', audit: 'envelope.pending-skipped' },
  'POST /envelopes/:envelopeId/sync': { scope: 'envelopes:write' },
  'POST /envelopes/:envelopeId/archive': { scope: 'envelopes:write', audit: 'envelope.archive-retried' },
  'POST /envelopes/sync': { scope: 'envelopes:write' },

  'GET /keys': { scope: 'keys:admin' },
  'POST /keys': { scope: 'keys:admin', audit: 'key.created' },
  'POST /keys/:keyId/revoke': { scope: 'keys:admin', audit: 'key.revoked' },

  'GET /users': { scope: 'users:admin' },
  'POST /users': { scope: 'users:admin', audit: 'user.invited' },
  'PATCH /users/:userId': { scope: 'users:admin', audit: 'user.role-changed' },
  'DELETE /users/:userId': { scope: 'users:admin', audit: 'user.removed' },
  'POST /users/:userId/invitation': { scope: 'users:admin', audit: 'user.invitation-renewed' },

  'GET /audit-log': { scope: 'audit:read' },

  // Which events: those of the envelopes the principal sees (viewerOf); connection events with `envelopes:all`.
  'GET /events': { scope: 'envelopes:read' },

  // Webhooks push every event (connections' too) to a URL of one's choosing: administrators only.
  'GET /webhook-endpoints': { scope: 'webhooks:admin' },
  'GET /webhook-endpoints/:endpointId': { scope: 'webhooks:admin' },
  'POST /webhook-endpoints': { scope: 'webhooks:admin', audit: 'webhook-endpoint.created' },
  'PATCH /webhook-endpoints/:endpointId': { scope: 'webhooks:admin', audit: 'webhook-endpoint.updated' },
  'DELETE /webhook-endpoints/:endpointId': { scope: 'webhooks:admin', audit: 'webhook-endpoint.deleted' },
  'POST /webhook-endpoints/:endpointId/rotate-secret': { scope: 'webhooks:admin', audit: 'webhook-endpoint.secret-rotated' },
  'POST /webhook-endpoints/:endpointId/test': { scope: 'webhooks:admin' },
  'GET /webhook-endpoints/:endpointId/deliveries': { scope: 'webhooks:admin' },
  'POST /webhook-endpoints/:endpointId/deliveries/:deliveryId/redeliver': { scope: 'webhooks:admin', audit: 'webhook-delivery.redelivered' },
  // The envelope page's view of the deliveries its events made: it shows endpoints, so the same scope.
  'GET /envelopes/:envelopeId/webhook-deliveries': { scope: 'webhooks:admin' },
};

/** The table's key for a route: `METHOD /pattern` without the /api/v1 prefix (HEAD is judged as GET). */
export function routeAccessKey(method: string, url: string, prefix = '/api/v1'): string {
  const path = url.startsWith(prefix) ? url.slice(prefix.length) : url;
  return `${method === 'HEAD' ? 'GET' : method} ${path}`;
}

export function accessFor(method: string, url: string): RouteAccess | undefined {
  return ROUTE_ACCESS[routeAccessKey(method, url)];
}
