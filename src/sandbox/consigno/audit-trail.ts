/**
 * The audit trail of a completed ConsignO sandbox workflow: a PDF that lists the workflow, its
 * documents with their SHA-256 and every event in order, with its time, who acted and the second
 * factor used (the issue: "an audit trail PDF listing every action with its time and second factor").
 * ConsignO's own layout is not public; this one is the sandbox's, plain text made with pdf-lib.
 *
 * Standard fonts only (no font file to ship): letters outside WinAnsi lose their accents ("Łęcka" is
 * shown as "Lecka"), as on the sandbox's signature widgets. The document title keeps the exact name.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { encodable, wrap } from '../signing/index.js';

/** One line of the trail, in the order the events happened. */
export interface AuditEntry {
  at: Date;
  /** "Name <email>" of the person who acted, or "system". */
  actor: string;
  /** Plain words, e.g. "signed the documents". */
  event: string;
  /** The second factor the person passed (sms, call, secret), when there was one. */
  secondFactor?: string | null;
  detail?: string | null;
}

/** What {@link renderAuditTrail} lists. */
export interface AuditTrailInput {
  workflowId: string;
  name: string;
  ownerEmail: string;
  /** sha256: hex, of each document as delivered (signed). */
  documents: Array<{ name: string; sha256: string }>;
  entries: AuditEntry[];
  /** Printed on the trail and used as the PDF's dates, so the same input gives the same bytes. */
  generatedAt: Date;
}

// US Letter, ConsignO's home format (a Canadian service).
const PAGE_SIZE: [number, number] = [612, 792];
const MARGIN = 54;
const FOOTER_SIZE = 8;
const BODY_SIZE = 9;
const LINE_GAP = 1.4;
/** Wrapped continuation lines of an entry start this far in, so each entry stands out. */
const CONTINUATION_INDENT = 18;

/** The audit trail PDF of a workflow: title, workflow, owner, documents, then one entry per event, on as many pages as needed. */
export async function renderAuditTrail(input: AuditTrailInput): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle(`Audit trail: ${input.name}`);
  document.setSubject(`ConsignO sandbox workflow ${input.workflowId}`);
  document.setProducer('Countersign sandbox');
  document.setCreationDate(input.generatedAt);
  document.setModificationDate(input.generatedAt);
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const writer = new PageWriter(document);

  writer.write('Audit trail', bold, 18);
  writer.space(6);
  writer.write(input.name, bold, 12);
  writer.write(`Workflow id: ${input.workflowId}`, regular, BODY_SIZE);
  writer.write(`Owner: ${input.ownerEmail}`, regular, BODY_SIZE);
  writer.write(`Generated: ${input.generatedAt.toISOString()}`, regular, BODY_SIZE);
  writer.write('Made by the ConsignO sandbox of Countersign, not by Notarius: it has no legal value.', regular, BODY_SIZE);

  writer.space(10);
  writer.write(`Documents (${input.documents.length})`, bold, 11);
  for (const { name, sha256 } of input.documents) {
    writer.write(name, regular, BODY_SIZE);
    writer.write(`SHA-256: ${sha256}`, regular, BODY_SIZE, CONTINUATION_INDENT);
  }

  writer.space(10);
  writer.write(`Events (${input.entries.length}), times in UTC`, bold, 11);
  for (const entry of input.entries) writer.write(entryLine(entry), regular, BODY_SIZE, 0, CONTINUATION_INDENT);

  const pages = document.getPages();
  pages.forEach((page, index) => {
    const footer = encodable(`${input.workflowId} · page ${index + 1} of ${pages.length}`, regular);
    page.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: FOOTER_SIZE, font: regular, color: rgb(0.4, 0.4, 0.4) });
  });
  return Buffer.from(await document.save());
}

/** "2026-11-30T10:00:00.000Z · Anna Lecka <anna@example.com> · signed · second factor: sms · detail"; absent parts left out. */
function entryLine(entry: AuditEntry): string {
  return [
    entry.at.toISOString(),
    entry.actor,
    entry.event,
    ...(entry.secondFactor ? [`second factor: ${entry.secondFactor}`] : []),
    ...(entry.detail ? [entry.detail] : []),
  ].join(' · ');
}

/** Writes wrapped lines down the page, starting a new page when the next line would reach the footer. */
class PageWriter {
  private page: PDFPage;
  private y: number;

  constructor(private readonly document: PDFDocument) {
    this.page = this.newPage();
    this.y = PAGE_SIZE[1] - MARGIN;
  }

  /** `text` wrapped to the page width; the first line indented by `indent`, the next ones by `continuation`. */
  write(text: string, font: PDFFont, size: number, indent = 0, continuation = indent): void {
    const safe = encodable(text, font);
    const width = PAGE_SIZE[0] - 2 * MARGIN;
    // Wrapped to the narrower of the two widths, so continuation lines fit as well.
    const lines = wrap(safe, font, size, width - Math.max(indent, continuation));
    lines.forEach((line, index) => {
      if (this.y - size * LINE_GAP < MARGIN) {
        this.page = this.newPage();
        this.y = PAGE_SIZE[1] - MARGIN;
      }
      this.y -= size * LINE_GAP;
      this.page.drawText(line, { x: MARGIN + (index === 0 ? indent : continuation), y: this.y, size, font });
    });
  }

  space(points: number): void {
    this.y -= points;
  }

  private newPage(): PDFPage {
    return this.document.addPage(PAGE_SIZE);
  }
}
