import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyXmlSignature } from '../../../test/support/xml-signature.js';
import { loadOrCreateSandboxAuthority, type SandboxAuthority } from '../signing/index.js';
import { AUDIT_PROOF_NAMESPACE, buildAuditProof, type AuditFacts } from './audit-proof.js';

// Typed locally: xmldom's declarations would pull the DOM library into the whole program (see audit-proof.ts).
interface Node {
  getAttribute(name: string): string;
  textContent: string | null;
  getElementsByTagNameNS(namespace: string, name: string): ArrayLike<Node>;
  namespaceURI: string | null;
  localName: string;
}
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: new () => { parseFromString(xml: string, type: string): { documentElement: Node } } };

let workDir: string;
let authority: SandboxAuthority;
let otherAuthority: SandboxAuthority;
/** Same name as `authority` (so same CA subject), different keys: only the signature check tells them apart. */
let lookalikeAuthority: SandboxAuthority;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-connective-proof-'));
  [authority, otherAuthority, lookalikeAuthority] = await Promise.all([
    loadOrCreateSandboxAuthority(join(workDir, 'authority')),
    loadOrCreateSandboxAuthority(join(workDir, 'other'), { name: 'Other Sandbox' }),
    loadOrCreateSandboxAuthority(join(workDir, 'lookalike')),
  ]);
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const HASH_1 = 'a'.repeat(64);
const HASH_2 = '0123456789abcdef'.repeat(4);

const facts: AuditFacts = {
  packageId: 'pkg-1',
  packageName: 'Umowa <najmu> & "aneks" — Łódź',
  externalReference: 'env-42',
  status: 'Finished',
  documents: [
    { documentId: 'doc-1', name: 'umowa.pdf', sha256: HASH_1 },
    { documentId: 'doc-2', name: 'aneks & załącznik.pdf', sha256: HASH_2 },
  ],
  actors: [
    { actorId: 'act-1', type: 'Signer', email: 'anna@example.test', name: 'Anna Łęcka', status: 'Finished' },
    { actorId: 'act-2', type: 'Receiver', email: 'bob@example.test', name: "Bob <O'Neil>", status: 'Finished' },
  ],
  events: [
    { at: '2026-03-01T09:00:00.000Z', type: 'PackageCreated', actorId: null, detail: null },
    { at: '2026-03-01T09:01:00.000Z', type: 'DocumentAdded', actorId: null, detail: 'doc-1 umowa.pdf' },
    { at: '2026-03-01T09:02:00.000Z', type: 'DocumentAdded', actorId: null, detail: 'doc-2 aneks & załącznik.pdf' },
    { at: '2026-03-01T10:00:00.000Z', type: 'ActorSigned', actorId: 'act-1', detail: 'IP 192.0.2.1, <script>alert(1)</script>' },
    { at: '2026-03-01T10:00:01.000Z', type: 'PackageFinished', actorId: null, detail: 'control\u0001character' },
  ],
};

function parse(xml: string) {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  const all = (name: string) => Array.from(root.getElementsByTagNameNS(AUDIT_PROOF_NAMESPACE, name));
  return { root, all, text: (name: string) => all(name).map((node) => node.textContent) };
}

describe('buildAuditProof', () => {
  it('is signed by the sandbox authority: the signature verifies and the certificate chains to the sandbox CA', () => {
    const xml = buildAuditProof(facts, authority);
    const check = verifyXmlSignature(xml, authority.caCertificatePem);
    expect(check).toEqual({ valid: true, certificateSubject: expect.stringContaining('CN=Countersign Sandbox Signing'), errors: [] });
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<AuditProof /);
    expect(xml).toContain('<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(xml).toContain('<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(xml).toContain('<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>');
  });

  it('records the package, every document with its SHA-256, every actor and every event with its time, text escaped', () => {
    const { root, all, text } = parse(buildAuditProof(facts, authority));
    expect(root.namespaceURI).toBe(AUDIT_PROOF_NAMESPACE);
    expect(root.localName).toBe('AuditProof');
    const [packageElement] = all('Package');
    expect(packageElement?.getAttribute('id')).toBe('pkg-1');
    expect(packageElement?.getAttribute('status')).toBe('Finished');
    expect(text('Name')).toEqual([facts.packageName, 'umowa.pdf', 'aneks & załącznik.pdf', 'Anna Łęcka', "Bob <O'Neil>"]);
    expect(text('ExternalReference')).toEqual(['env-42']);
    expect(all('Document').map((node) => node.getAttribute('id'))).toEqual(['doc-1', 'doc-2']);
    expect(text('Digest')).toEqual([HASH_1, HASH_2]);
    expect(all('Actor').map((node) => [node.getAttribute('id'), node.getAttribute('type'), node.getAttribute('status')])).toEqual([
      ['act-1', 'Signer', 'Finished'],
      ['act-2', 'Receiver', 'Finished'],
    ]);
    expect(text('Email')).toEqual(['anna@example.test', 'bob@example.test']);
    const events = all('Event');
    expect(events.map((node) => [node.getAttribute('at'), node.getAttribute('type'), node.getAttribute('actorId')])).toEqual(
      facts.events.map((event) => [event.at, event.type, event.actorId ?? '']),
    );
    expect(events[3]?.textContent).toBe('IP 192.0.2.1, <script>alert(1)</script>');
    // XML 1.0 cannot carry U+0001: it is replaced rather than making the document unreadable.
    expect(events[4]?.textContent).toBe('control\uFFFDcharacter');
  });

  it('writes an absent external reference as an empty element', () => {
    const { all } = parse(buildAuditProof({ ...facts, externalReference: null }, authority));
    expect(all('ExternalReference').map((node) => node.textContent)).toEqual(['']);
  });

  it('with a documentId covers that document and the events not about another document', () => {
    const xml = buildAuditProof(facts, authority, { documentId: 'doc-2' });
    expect(verifyXmlSignature(xml, authority.caCertificatePem).valid).toBe(true);
    const { all, root } = parse(xml);
    expect(root.getAttribute('scope')).toBe('document');
    expect(all('Document').map((node) => node.getAttribute('id'))).toEqual(['doc-2']);
    expect(all('Event').map((node) => node.getAttribute('type'))).toEqual(['PackageCreated', 'DocumentAdded', 'ActorSigned', 'PackageFinished']);
    expect(all('Event')[1]?.textContent).toContain('doc-2');
    expect(all('Actor')).toHaveLength(2);
    expect(() => buildAuditProof(facts, authority, { documentId: 'doc-9' })).toThrow(RangeError);
  });
});

describe('verifyXmlSignature on a changed proof', () => {
  const tamper = (xml: string, from: string, to: string) => {
    expect(xml).toContain(from);
    return xml.replace(from, to);
  };

  it('fails when an event time is changed', () => {
    const xml = tamper(buildAuditProof(facts, authority), 'at="2026-03-01T10:00:00.000Z"', 'at="2026-03-01T08:00:00.000Z"');
    const check = verifyXmlSignature(xml, authority.caCertificatePem);
    expect(check.valid).toBe(false);
    expect(check.errors.join(' ')).toMatch(/does not verify/);
  });

  it('fails when a document hash is changed', () => {
    const xml = tamper(buildAuditProof(facts, authority), HASH_2, 'f'.repeat(64));
    expect(verifyXmlSignature(xml, authority.caCertificatePem).valid).toBe(false);
  });

  it('fails when an event is removed', () => {
    const xml = buildAuditProof(facts, authority).replace(/<Event [^>]*type="ActorSigned"[^>]*>[^<]*<\/Event>/, '');
    expect(xml).not.toContain('ActorSigned');
    expect(verifyXmlSignature(xml).valid).toBe(false);
  });

  it('fails when the signature value is changed', () => {
    const xml = buildAuditProof(facts, authority).replace(/<SignatureValue>(.)/, (_, first: string) => `<SignatureValue>${first === 'A' ? 'B' : 'A'}`);
    expect(verifyXmlSignature(xml).valid).toBe(false);
  });

  it('fails the chain check against another CA, while the signature itself still verifies', () => {
    const xml = buildAuditProof(facts, authority);
    expect(verifyXmlSignature(xml).valid).toBe(true);
    const check = verifyXmlSignature(xml, otherAuthority.caCertificatePem);
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual([expect.stringMatching(/^the certificate \(issuer CN=Countersign Sandbox Root CA, O=Countersign Sandbox\) was not issued by the CA \(CN=Other Sandbox Root CA/)]);
  });

  it('fails for a proof re-signed by another authority when checked against the sandbox CA', () => {
    const forged = buildAuditProof({ ...facts, status: 'Revoked' }, otherAuthority);
    expect(verifyXmlSignature(forged).valid).toBe(true);
    expect(verifyXmlSignature(forged, authority.caCertificatePem).valid).toBe(false);
  });

  it('fails against a CA with the same name but other keys', () => {
    const xml = buildAuditProof(facts, lookalikeAuthority);
    expect(verifyXmlSignature(xml).valid).toBe(true);
    expect(verifyXmlSignature(xml, authority.caCertificatePem).errors).toEqual([expect.stringMatching(/was not issued by the CA/)]);
  });

  it('fails for XML without a signature, and for XML that is not well-formed', () => {
    expect(verifyXmlSignature(`<AuditProof xmlns="${AUDIT_PROOF_NAMESPACE}"/>`).errors).toEqual(['expected exactly one ds:Signature, found 0']);
    expect(verifyXmlSignature('<AuditProof><unclosed></AuditProof>').valid).toBe(false);
  });
});
