/**
 * The audit proof of a Connective sandbox package: an XML record of the package, its documents (with
 * their SHA-256), its actors and every event, signed with an enveloped XML-DSig signature (RSA-SHA256,
 * exclusive canonicalisation) by the sandbox authority's signing key, whose certificate — issued by the
 * sandbox CA — is in KeyInfo/X509Data. Connective's own proof format is not public (the reference only
 * shows that it is downloadable); this one is the sandbox's, namespaced as such.
 *
 * The document is built as a DOM (xmldom, already under xml-crypto) and serialised by it, so every
 * name, email and detail is escaped by the serialiser rather than by hand.
 */
import { createRequire } from 'node:module';
import { sandboxSigningKey, type SandboxAuthority } from '../signing/index.js';

// xml-crypto and xmldom are CommonJS, and their type declarations pull TypeScript's DOM library
// (`/// <reference lib="dom" />`) into the whole program, which changes Node's Blob and Buffer types
// for every other file. They are loaded through require with the few members used typed below.
interface XmlElement {
  setAttribute(name: string, value: string): void;
  appendChild(child: XmlElement | XmlText): unknown;
}
type XmlText = object;
interface XmlDocument {
  documentElement: XmlElement;
  createElementNS(namespace: string, name: string): XmlElement;
  createTextNode(text: string): XmlText;
}
interface XmlDom {
  DOMImplementation: new () => { createDocument(namespace: string, name: string, doctype: null): XmlDocument };
  XMLSerializer: new () => { serializeToString(node: XmlDocument): string };
}
interface XmlCrypto {
  SignedXml: new (options: { privateKey: string; publicCert: string; signatureAlgorithm: string; canonicalizationAlgorithm: string }) => {
    addReference(reference: { xpath: string; transforms: string[]; digestAlgorithm: string; isEmptyUri: boolean }): void;
    computeSignature(xml: string, options: { location: { reference: string; action: 'append' } }): void;
    getSignedXml(): string;
  };
}
const require = createRequire(import.meta.url);
const { DOMImplementation, XMLSerializer } = require('@xmldom/xmldom') as XmlDom;
const { SignedXml } = require('xml-crypto') as XmlCrypto;

export const AUDIT_PROOF_NAMESPACE = 'urn:countersign:sandbox:connective:audit-proof';

/** What the proof records; the caller (the package store) gathers it. */
export interface AuditFacts {
  packageId: string;
  packageName: string;
  externalReference: string | null;
  status: string;
  /** sha256: hex, of the signed document if there is one, else of the source. */
  documents: Array<{ documentId: string; name: string; sha256: string }>;
  actors: Array<{ actorId: string; type: string; email: string; name: string; status: string }>;
  /** at: ISO 8601. In the order they happened. */
  events: Array<{ at: string; type: string; actorId: string | null; detail: string | null }>;
}

const SIGNATURE_ALGORITHM = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const DIGEST_ALGORITHM = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/**
 * The signed audit proof (UTF-8 XML text, with its declaration). With `options.documentId`, the proof
 * covers that document only: the other documents are left out, and so are the events whose detail
 * names another document of the package and not this one (the events carry no document field; the
 * package-wide and actor events stay). Throws a RangeError for a documentId the package lacks.
 */
export function buildAuditProof(facts: AuditFacts, authority: SandboxAuthority, options: { documentId?: string } = {}): string {
  const { documentId } = options;
  let documents = facts.documents;
  let events = facts.events;
  if (documentId !== undefined) {
    documents = facts.documents.filter((document) => document.documentId === documentId);
    if (documents.length === 0) throw new RangeError(`Package ${facts.packageId} has no document ${documentId}.`);
    const others = facts.documents.map((document) => document.documentId).filter((id) => id !== documentId);
    events = facts.events.filter(({ detail }) => detail === null || detail.includes(documentId) || !others.some((id) => detail.includes(id)));
  }

  const dom = new DOMImplementation().createDocument(AUDIT_PROOF_NAMESPACE, 'AuditProof', null);
  const root = dom.documentElement;
  const element = (parent: XmlElement, name: string, attributes: Record<string, string | null> = {}, text?: string | null) => {
    const child = dom.createElementNS(AUDIT_PROOF_NAMESPACE, name);
    for (const [attribute, value] of Object.entries(attributes)) if (value !== null) child.setAttribute(attribute, xmlText(value));
    if (text !== undefined && text !== null) child.appendChild(dom.createTextNode(xmlText(text)));
    parent.appendChild(child);
    return child;
  };

  root.setAttribute('version', '1');
  if (documentId !== undefined) root.setAttribute('scope', 'document');
  const packageElement = element(root, 'Package', { id: facts.packageId, status: facts.status });
  element(packageElement, 'Name', {}, facts.packageName);
  element(packageElement, 'ExternalReference', {}, facts.externalReference);
  const documentsElement = element(root, 'Documents');
  for (const document of documents) {
    const documentElement = element(documentsElement, 'Document', { id: document.documentId });
    element(documentElement, 'Name', {}, document.name);
    element(documentElement, 'Digest', { algorithm: 'SHA-256' }, document.sha256.toLowerCase());
  }
  const actorsElement = element(root, 'Actors');
  for (const actor of facts.actors) {
    const actorElement = element(actorsElement, 'Actor', { id: actor.actorId, type: actor.type, status: actor.status });
    element(actorElement, 'Name', {}, actor.name);
    element(actorElement, 'Email', {}, actor.email);
  }
  const eventsElement = element(root, 'Events');
  for (const event of events) {
    element(eventsElement, 'Event', { at: event.at, type: event.type, actorId: event.actorId }, event.detail);
  }

  const unsigned = new XMLSerializer().serializeToString(dom);
  const { privateKeyPem, certificatePem } = sandboxSigningKey(authority);
  const signature = new SignedXml({
    privateKey: privateKeyPem,
    publicCert: certificatePem, // becomes KeyInfo/X509Data/X509Certificate
    signatureAlgorithm: SIGNATURE_ALGORITHM,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  // URI="": the whole document, minus the signature itself (enveloped).
  signature.addReference({ xpath: '/*', transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N], digestAlgorithm: DIGEST_ALGORITHM, isEmptyUri: true });
  signature.computeSignature(unsigned, { location: { reference: '/*', action: 'append' } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${signature.getSignedXml()}`;
}

/**
 * Text XML 1.0 can carry: characters it forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
 * become U+FFFD. The serialiser escapes markup characters but would write these as they are, which
 * leaves a document no parser accepts.
 */
function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}
