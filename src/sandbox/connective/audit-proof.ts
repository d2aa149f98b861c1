// TEMP stand-in for H2's audit-proof.ts: the facts as XML, not signed.
import type { SandboxAuthority } from '../signing/index.js';

export interface AuditFacts {
  packageId: string;
  packageName: string;
  externalReference: string | null;
  status: string;
  documents: Array<{ documentId: string; name: string; sha256: string }>;
  actors: Array<{ actorId: string; type: string; email: string; name: string; status: string }>;
  events: Array<{ at: string; type: string; actorId: string | null; detail: string | null }>;
}

const escape = (value: unknown) => String(value ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function buildAuditProof(facts: AuditFacts, _authority: SandboxAuthority, options: { documentId?: string } = {}): string {
  const documents = facts.documents.filter((document) => !options.documentId || document.documentId === options.documentId);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<AuditProof packageId="${escape(facts.packageId)}" status="${escape(facts.status)}">${documents
    .map((document) => `<Document id="${escape(document.documentId)}" sha256="${escape(document.sha256)}">${escape(document.name)}</Document>`)
    .join('')}${facts.events.map((event) => `<Event at="${escape(event.at)}" type="${escape(event.type)}">${escape(event.detail)}</Event>`).join('')}</AuditProof>\n`;
}
