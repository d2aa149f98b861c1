import type { ParticipantRole, ParticipantStatus } from '../../domain/participant-status.js';
import { escapeHtml, readableTime } from '../../net/html.js';
import type { CertificateParticipant, CompletionCertificate } from './certificate.js';

/** What a participant did, in the words of their role: a completed approver approved, a completed signer signed. */
const OUTCOME: Readonly<Record<ParticipantRole, string>> = { signer: 'Signed', approver: 'Approved', viewer: 'Viewed', receiver: 'Received the signed result' };
const OTHER_OUTCOMES: Readonly<Partial<Record<ParticipantStatus, string>>> = { rejected: 'Declined', skipped: 'Skipped (the envelope went on without them)' };
const ROLE: Readonly<Record<ParticipantRole, string>> = { signer: 'Signer', approver: 'Approver', viewer: 'Viewer', receiver: 'Receiver' };
const LEVEL = { basic: 'basic', advanced: 'advanced', qualified: 'qualified' } as const;

/**
 * The certificate as one self-contained HTML page: inline CSS, no script, no image or font from
 * elsewhere (so it prints and archives the same everywhere, and the server's CSP holds), every value
 * escaped. A print stylesheet makes the browser's "Print → Save as PDF" a clean A4 document: no
 * background, no hint to print, tables that do not break inside a row, hashes that wrap.
 */
export function renderCertificatePage(certificate: CompletionCertificate): string {
  const { envelope } = certificate;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Completion certificate — ${escapeHtml(envelope.title)}</title>
<style>${STYLE}</style></head>
<body><main>
<p class="hint">To keep it as a PDF, use your browser’s <strong>Print</strong> and choose <strong>Save as PDF</strong>.</p>
<header>
<p class="kicker">Countersign · Completion certificate</p>
<h1>${escapeHtml(envelope.title)}</h1>
<dl class="facts">
${fact('Envelope', `<code>${escapeHtml(envelope.id)}</code>`)}
${fact('Signed through', `${escapeHtml(envelope.providerName)}${envelope.providerReference ? `, reference <code>${escapeHtml(envelope.providerReference)}</code>` : ''}`)}
${fact('Created', readableTime(envelope.createdAt))}
${fact('Sent', envelope.sentAt ? readableTime(envelope.sentAt) : '—')}
${fact('Completed', envelope.completedAt ? readableTime(envelope.completedAt) : '—')}
</dl>
</header>
<section aria-labelledby="participants"><h2 id="participants">Participants</h2>
${certificate.participants.map(participantBlock).join('\n')}
</section>
<section aria-labelledby="documents"><h2 id="documents">Documents</h2>
<p class="muted">SHA-256 of each file: compare it with <code>sha256sum</code> (or <code>certutil -hashfile … SHA256</code>) to show a file is the one listed here.</p>
${documentsTable(certificate)}
</section>
<section aria-labelledby="audit"><h2 id="audit">Audit proof</h2>
${auditBlock(certificate)}
</section>
<footer class="muted">Issued by Countersign on ${readableTime(certificate.generatedAt)} from the envelope as sent and what ${escapeHtml(envelope.providerName)} reported.
The provider’s own records${certificate.auditProofs.length > 0 ? ', and its audit proof above,' : ''} are the evidence of each check.</footer>
</main></body></html>`;
}

function fact(term: string, html: string): string {
  return `<div><dt>${escapeHtml(term)}</dt><dd>${html}</dd></div>`;
}

function participantBlock(participant: CertificateParticipant): string {
  const outcome = participant.status === 'completed' ? OUTCOME[participant.role] : (OTHER_OUTCOMES[participant.status] ?? `Did not act (${participant.status})`);
  const rows = [
    fact('Role', `${ROLE[participant.role]}, step ${participant.step}`),
    fact('Outcome', `<strong>${escapeHtml(outcome)}</strong>${participant.actedAt ? ` on ${readableTime(participant.actedAt)}` : ''}${participant.rejectionReason ? ` — “${escapeHtml(participant.rejectionReason)}”` : ''}`),
    fact('How they were identified', `<ul>${participant.authentication.map((method) => `<li>${escapeHtml(method)}</li>`).join('')}</ul>`),
    ...(participant.signatureLevel ? [fact('Signature level', escapeHtml(LEVEL[participant.signatureLevel]))] : []),
    fact('Invited', participant.notifiedAt ? readableTime(participant.notifiedAt) : '—'),
    fact('Opened', participant.viewedAt ? readableTime(participant.viewedAt) : '—'),
    ...(participant.providerReference ? [fact('Provider’s reference', `<code>${escapeHtml(participant.providerReference)}</code>`)] : []),
  ];
  return `<article class="participant"><h3>${escapeHtml(participant.name)} <span class="muted">&lt;${escapeHtml(participant.email)}&gt;</span></h3><dl class="facts">${rows.join('')}</dl></article>`;
}

function documentsTable(certificate: CompletionCertificate): string {
  const pending = certificate.archive?.status === 'archived' ? 'not paired with a signed file by the provider' : 'not fetched from the provider yet';
  const rows = certificate.documents.map(
    (document) => `<tr><th scope="row">${escapeHtml(document.filename)}</th>
<td data-label="Original SHA-256">${hash(document.sha256)}${document.sentAs ? `<div class="muted">sent as ${escapeHtml(document.sentAs.filename)}: ${hash(document.sentAs.sha256)}</div>` : ''}</td>
<td data-label="Signed file and SHA-256">${document.signed ? `${escapeHtml(document.signed.filename)}<br>${hash(document.signed.sha256)}` : `<span class="muted">${escapeHtml(pending)}</span>`}</td></tr>`,
  );
  const others = certificate.otherSignedFiles.map((file) => `<tr><th scope="row"><span class="muted">—</span></th><td></td><td data-label="Signed file and SHA-256">${escapeHtml(file.filename)}<br>${hash(file.sha256)}</td></tr>`);
  return `<table><thead><tr><th scope="col">Original</th><th scope="col">Original SHA-256</th><th scope="col">Signed file and SHA-256</th></tr></thead><tbody>${[...rows, ...others].join('\n')}</tbody></table>`;
}

function auditBlock(certificate: CompletionCertificate): string {
  if (certificate.auditProofs.length > 0) {
    return `<ul>${certificate.auditProofs.map((proof) => `<li>${escapeHtml(proof.filename)} (${escapeHtml(proof.mediaType)})<br>${hash(proof.sha256)}</li>`).join('')}</ul>`;
  }
  if (certificate.archive?.status !== 'archived') return `<p class="muted">Not fetched from ${escapeHtml(certificate.envelope.providerName)} yet.</p>`;
  return `<p class="muted">${escapeHtml(certificate.envelope.providerName)} gives no audit proof of its own: this certificate and the signatures inside the signed files are the record.</p>`;
}

const hash = (sha256: string) => `<code class="hash">${escapeHtml(sha256)}</code>`;

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f8f9fa; color: #1d2433; margin: 0; line-height: 1.45; }
  main { max-width: 52rem; margin: 2rem auto; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { font-size: 1.6rem; margin: .2rem 0 1rem; overflow-wrap: anywhere; } h2 { font-size: 1.15rem; margin: 1.75rem 0 .6rem; border-bottom: 1px solid #dee2e6; padding-bottom: .3rem; }
  h3 { font-size: 1rem; margin: 0 0 .4rem; overflow-wrap: anywhere; }
  .kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; color: #5c667a; margin: 0; }
  .muted { color: #5c667a; font-size: .9rem; font-weight: normal; }
  .hint { background: #eef3fd; border-radius: 8px; padding: .6rem .9rem; margin: 0 0 1.25rem; font-size: .9rem; }
  dl.facts { display: grid; grid-template-columns: 1fr; gap: .25rem; margin: 0; }
  dl.facts div { display: grid; grid-template-columns: 12rem 1fr; gap: .75rem; }
  dt { color: #5c667a; } dd { margin: 0; overflow-wrap: anywhere; } dd ul { margin: 0; padding-left: 1.1rem; }
  .participant { border: 1px solid #dee2e6; border-radius: 8px; padding: .8rem 1rem; margin: 0 0 .75rem; break-inside: avoid; }
  table { width: 100%; border-collapse: collapse; font-size: .9rem; }
  th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #dee2e6; overflow-wrap: anywhere; }
  thead th { color: #5c667a; font-weight: 600; }
  tr { break-inside: avoid; }
  code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; }
  .hash { word-break: break-all; }
  footer { margin-top: 2rem; }
  @media (max-width: 40rem) {
    main { margin: 0; border-radius: 0; padding: 1rem; }
    dl.facts div { grid-template-columns: 1fr; gap: 0; margin-bottom: .35rem; }
    table, thead, tbody, tr, th, td { display: block; } thead { display: none; }
    tr { border-bottom: 1px solid #dee2e6; padding: .4rem 0; } th, td { border: 0; padding: .15rem 0; }
    /* Without the header row, each cell says what it holds. */
    td[data-label]::before { content: attr(data-label); display: block; color: #5c667a; font-size: .8rem; }
  }
  @page { size: A4; margin: 16mm; }
  @media print {
    body { background: #fff; font-size: 10.5pt; }
    main { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
    .hint { display: none; }
    h2 { break-after: avoid; }
    a { color: inherit; text-decoration: none; }
  }
`;
