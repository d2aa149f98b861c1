/** STUB until helper A2's audit-trail.ts lands (branch i11-sandbox-pdf): same signature. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface AuditEntry { at: Date; actor: string; event: string; secondFactor?: string | null; detail?: string | null }

export async function renderAuditTrail(input: { workflowId: string; name: string; ownerEmail: string; documents: Array<{ name: string; sha256: string }>; entries: AuditEntry[]; generatedAt: Date }): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([612, 792]);
  const lines = [
    `Audit trail ${input.workflowId} ${input.name}`,
    `Owner ${input.ownerEmail}`,
    ...input.documents.map((item) => `${item.name} ${item.sha256}`),
    ...input.entries.map((entry) => `${entry.at.toISOString()} ${entry.actor} ${entry.event} ${entry.secondFactor ?? ''} ${entry.detail ?? ''}`),
  ];
  lines.forEach((line, index) => page.drawText(line.replace(/[^\x20-\x7e]/g, '?').slice(0, 110), { x: 30, y: 760 - index * 14, size: 8, font }));
  return Buffer.from(await document.save());
}
