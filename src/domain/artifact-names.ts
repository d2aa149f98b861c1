/**
 * What a completed envelope's archived files are called here, whatever the provider called them
 * (issue 15, "Signed files named `<name>-signed.pdf`"): a person downloading three envelopes' files
 * into one folder should find `Agreement-signed.pdf` beside their `Agreement.docx`, not
 * `FILE-SIGNED_CONTENT_FILE:…` or `audit-trail-8f3e….pdf`. The names are given once, when the files
 * are archived, so the artifact listing, its `artifact.archived` events, the downloads, the CLI and
 * the ZIP all say the same; they are unique within an envelope (case aside), so a ZIP or a folder can
 * hold them side by side.
 */

/** A file as the provider handed it over. */
export interface ProviderFileName {
  kind: 'signed' | 'audit';
  filename: string;
  mediaType: string;
  /** Our document, when the provider said which (Connective's `ExternalDocumentReference`). */
  documentId?: string | null;
}

/** What the archive stores for it: the name people see, and the original document it is the signed version of. */
export interface ArtifactName {
  filename: string;
  documentId: string | null;
}

/** Long enough for any real title; short enough that the name fits every filesystem's 255 bytes. */
const MAX_STEM_LENGTH = 120;

/**
 * The envelope's documents and title give the names: a signed file is `<document without extension>-signed.pdf`,
 * an audit proof `<envelope title>-audit-proof.<its own format>`.
 */
export function nameArtifacts(files: readonly ProviderFileName[], envelope: { title: string; documents: ReadonlyArray<{ id: string; filename: string }> }): ArtifactName[] {
  const documentIds = matchDocuments(files, envelope.documents);
  const taken = new Set<string>();
  return files.map((file, index) => {
    const documentId = documentIds[index] ?? null;
    const document = envelope.documents.find((candidate) => candidate.id === documentId);
    const name =
      file.kind === 'signed'
        ? `${withSuffix(safeStem(stemOf(document?.filename ?? file.filename), 'document'), '-signed')}.${extensionFor(file)}`
        : `${safeStem(envelope.title, 'envelope')}-audit-proof.${extensionFor(file)}`;
    return { filename: unique(name, taken), documentId };
  });
}

/** The name of an envelope-wide file that is not an artifact (the ZIP, the completion certificate): `<title>-<what>.<extension>`. */
export function envelopeFileName(title: string, what: string, extension: string): string {
  return `${safeStem(title, 'envelope')}-${what}.${extension}`;
}

/**
 * Which original each signed file is: the provider's word where it gives one; otherwise the document
 * of the same name without its extension (Autenti and ConsignO keep the name they were sent, and an
 * office document went as `<name>.pdf`), each document taken once, in order, so two documents of one
 * name pair with their signed files in the order the provider lists them; a single signed file of a
 * single-document envelope is that document whatever its name. An audit proof belongs to no document.
 */
function matchDocuments(files: readonly ProviderFileName[], documents: ReadonlyArray<{ id: string; filename: string }>): Array<string | null> {
  const known = new Set(documents.map((document) => document.id));
  const taken = new Set<string>();
  const matched: Array<string | null> = files.map((file) => {
    if (file.kind !== 'signed' || !file.documentId || !known.has(file.documentId) || taken.has(file.documentId)) return null;
    taken.add(file.documentId);
    return file.documentId;
  });
  files.forEach((file, index) => {
    if (file.kind !== 'signed' || matched[index] !== null) return;
    const key = comparable(stemOf(file.filename));
    const document = documents.find((candidate) => !taken.has(candidate.id) && comparable(stemOf(candidate.filename)) === key);
    if (!document) return;
    taken.add(document.id);
    matched[index] = document.id;
  });
  const signed = files.flatMap((file, index) => (file.kind === 'signed' ? [index] : []));
  if (signed.length === 1 && documents.length === 1 && matched[signed[0]!] === null && taken.size === 0) matched[signed[0]!] = documents[0]!.id;
  return matched;
}

const comparable = (name: string) => name.normalize('NFC').toLowerCase();

/** A name without its last extension (`Agreement.v2.docx` → `Agreement.v2`); a name that is only an extension stays. */
function stemOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * A stem safe as a file name everywhere the file may land (Windows too): no path separators, no
 * characters Windows refuses, no control characters, no leading or trailing dots, dashes and spaces,
 * and never empty. Letters of every script stay: the download's Content-Disposition carries them as
 * RFC 5987 `filename*`.
 */
function safeStem(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    // Quotes and brackets only mark words: dropped. Separators (`2026/05`, `Lease: annex`) become a dash.
    .replace(/[<>"|?*]+/g, '')
    .replace(/[:/\\]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  const short = [...cleaned].slice(0, MAX_STEM_LENGTH).join('').replace(/[\s.-]+$/, '');
  return short === '' ? fallback : short;
}

/** `Agreement` → `Agreement-signed`; a provider's name that says it already (`Agreement-signed`) is not said twice. */
function withSuffix(stem: string, suffix: string): string {
  return stem.toLowerCase().endsWith(suffix) ? stem : `${stem}${suffix}`;
}

/** The extension of the file's own format: `pdf` for a PDF, else the provider's (Connective's audit proof is XML). */
function extensionFor(file: ProviderFileName): string {
  if (file.mediaType === 'application/pdf') return 'pdf';
  if (file.mediaType === 'application/xml' || file.mediaType === 'text/xml') return 'xml';
  const base = file.filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  return /^[a-z0-9]{1,8}$/.test(extension) ? extension : 'bin';
}

/** `name.pdf`, then `name (2).pdf`, … : unique among `taken` regardless of case, as Windows and macOS folders compare them. */
function unique(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = [name.slice(0, dot), name.slice(dot)];
  let candidate = name;
  for (let count = 2; taken.has(candidate.toLowerCase()); count += 1) candidate = `${stem} (${count})${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
