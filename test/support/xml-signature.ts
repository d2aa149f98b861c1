/**
 * Checks the enveloped XML-DSig signature of an XML document for tests (the Connective sandbox's
 * audit proofs): with xml-crypto, against the certificate the signature carries in
 * KeyInfo/X509Data, and — when the CA is given — that this certificate was issued and signed by it.
 *
 * Deliberately independent of src/sandbox: it reads the signature the way a recipient would, from
 * the XML alone, so a bug in how the sandbox signs is not shared by the check.
 */
import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';

export interface XmlSignatureCheck {
  /** One signature, enveloped (a child of the root, covering the whole document), valid, and — with a CA — chained to it. */
  valid: boolean;
  /** The subject of the certificate in KeyInfo (node:crypto's form: "CN=…\nO=…"); '' when there is none. */
  certificateSubject: string;
  /** Why `valid` is false; empty when it is true. */
  errors: string[];
}

const DSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';

// xml-crypto's and xmldom's type declarations pull TypeScript's DOM library into the whole program
// (changing Node's Buffer and Blob types everywhere); both are loaded through require, typed here.
interface DomElement {
  namespaceURI: string | null;
  localName: string;
  parentNode: DomElement | null;
  textContent: string | null;
  getElementsByTagNameNS(namespace: string, name: string): { length: number; item(index: number): DomElement | null };
}
interface XmlDom {
  DOMParser: new (options: { errorHandler: (level: string, message: string) => void }) => {
    parseFromString(xml: string, mimeType: string): { documentElement: DomElement | null };
  };
}
interface XmlCrypto {
  SignedXml: new (options: { publicCert: string }) => {
    signatureAlgorithm?: string;
    canonicalizationAlgorithm?: string;
    loadSignature(signature: DomElement): void;
    checkSignature(xml: string): boolean;
    getReferences(): Array<{ uri: string; transforms: readonly string[] }>;
  };
}
const require = createRequire(import.meta.url);
const { DOMParser } = require('@xmldom/xmldom') as XmlDom;
const { SignedXml } = require('xml-crypto') as XmlCrypto;

/** Checks `xml`'s enveloped signature; `caPem` (PEM) is the CA its certificate must be issued by. */
export function verifyXmlSignature(xml: string, caPem?: string): XmlSignatureCheck {
  const errors: string[] = [];
  const result = (certificateSubject = '') => ({ valid: errors.length === 0, certificateSubject, errors });

  const parseProblems: string[] = [];
  const root = new DOMParser({
    errorHandler: (level, message) => {
      if (level !== 'warning') parseProblems.push(message);
    },
  }).parseFromString(xml, 'text/xml').documentElement;
  if (!root || parseProblems.length > 0) {
    errors.push(`not well-formed XML: ${parseProblems.join('; ') || 'no root element'}`);
    return result();
  }
  const signatures = root.getElementsByTagNameNS(DSIG_NAMESPACE, 'Signature');
  if (signatures.length !== 1) {
    errors.push(`expected exactly one ds:Signature, found ${signatures.length}`);
    return result();
  }
  const signature = signatures.item(0)!;
  if (signature.parentNode !== root) errors.push('the signature is not a child of the root element (not enveloped)');

  const certificates = signature.getElementsByTagNameNS(DSIG_NAMESPACE, 'X509Certificate');
  const base64 = certificates.length === 1 ? certificates.item(0)?.textContent?.replace(/\s+/g, '') : undefined;
  if (!base64) {
    errors.push(`expected one KeyInfo/X509Data/X509Certificate, found ${certificates.length}`);
    return result();
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(base64, 'base64'));
  } catch (error) {
    errors.push(`the X509Certificate cannot be read: ${(error as Error).message}`);
    return result();
  }

  if (caPem !== undefined) {
    const ca = new X509Certificate(caPem);
    const oneLine = (name: string) => name.split('\n').join(', ');
    if (!certificate.checkIssued(ca)) {
      // OpenSSL's check compares the names and the key identifiers: a look-alike CA with the same name fails it too.
      errors.push(`the certificate (issuer ${oneLine(certificate.issuer)}) was not issued by the CA (${oneLine(ca.subject)})`);
    }
    else if (!certificate.verify(ca.publicKey)) errors.push("the certificate's signature does not verify with the CA's key");
  }

  const signedXml = new SignedXml({ publicCert: certificate.toString() });
  try {
    signedXml.loadSignature(signature);
    if (!signedXml.checkSignature(xml)) errors.push('the signature does not verify');
  } catch (error) {
    errors.push(`the signature does not verify: ${(error as Error).message}`);
  }
  const references = signedXml.getReferences();
  // A signature over a fragment would leave the rest of the proof unprotected: the one reference must be the document.
  if (references.length !== 1 || references[0]?.uri !== '') {
    errors.push(`expected one reference to the whole document (URI=""), found ${references.map((reference) => `URI="${reference.uri}"`).join(', ') || 'none'}`);
  } else if (!references[0].transforms.includes(`${DSIG_NAMESPACE}enveloped-signature`)) {
    errors.push('the reference lacks the enveloped-signature transform');
  }
  return result(certificate.subject);
}
