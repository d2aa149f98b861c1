import { createHash, generateKeyPair, randomBytes, randomUUID, sign as rsaSign } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

/**
 * The offline certificate authority of the provider sandboxes: a self-signed root CA and a signing
 * key whose certificate it issued. Sandbox-only material — nothing here is trusted by any viewer.
 */
export interface SandboxAuthority {
  /** Display name, e.g. "Countersign Sandbox"; the CA is "<name> Root CA", the signing certificate "<name> Signing". */
  readonly name: string;
  /** The root CA certificate (PEM); import it as trusted to make the sandbox signatures show as trusted. */
  readonly caCertificatePem: string;
  /** The root CA private key (PEM, PKCS#8); kept so that each signer gets a certificate with their own name. */
  readonly caPrivateKeyPem: string;
  /** The signing certificate issued by the CA (PEM), also inside {@link SandboxAuthority.pkcs12}. */
  readonly signingCertificatePem: string;
  /** PKCS#12 with an empty passphrase: the signing key, the signing certificate and the CA certificate. */
  readonly pkcs12: Buffer;
}

/** The one file of an authority folder; a single file so that creating it can be one atomic step. */
export const AUTHORITY_FILE_NAME = 'sandbox-authority.json';
const FILE_FORMAT = 'countersign-sandbox-authority/1';
const DEFAULT_NAME = 'Countersign Sandbox';
const CA_VALIDITY_YEARS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

interface StoredAuthority {
  format: typeof FILE_FORMAT;
  name: string;
  caCertificatePem: string;
  caPrivateKeyPem: string;
  signingCertificatePem: string;
  pkcs12Base64: string;
}

/**
 * Loads the sandbox authority kept in `dir`, creating it on first use (RSA 2048; a root CA valid 10
 * years and a signing certificate it issued, key usage digitalSignature + nonRepudiation). The folder
 * is created when missing; the file is mode 0600. Concurrent first calls, in one process or several,
 * all end up with the same authority. `options.name` only applies when the authority is created.
 */
export async function loadOrCreateSandboxAuthority(
  dir: string,
  options: { name?: string } = {},
): Promise<SandboxAuthority> {
  const file = join(dir, AUTHORITY_FILE_NAME);
  const existing = await readAuthorityFile(file);
  if (existing) return existing;

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const created = await createAuthority(options.name ?? DEFAULT_NAME);
  const temporary = join(dir, `.${AUTHORITY_FILE_NAME}.${randomUUID()}.tmp`);
  await writeFile(temporary, JSON.stringify(created, null, 2), { mode: 0o600, flag: 'wx' });
  await chmod(temporary, 0o600); // writeFile's mode is filtered through the umask
  try {
    // link(), unlike rename(), refuses to replace an existing file: when two callers race, the first
    // one's authority stays and the other reads it below instead of silently overwriting it.
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  const stored = await readAuthorityFile(file);
  if (!stored) throw new Error(`Sandbox authority ${file} vanished right after it was written.`);
  return stored;
}

async function readAuthorityFile(file: string): Promise<SandboxAuthority | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let stored: Partial<StoredAuthority>;
  try {
    stored = JSON.parse(text) as Partial<StoredAuthority>;
  } catch {
    stored = {};
  }
  const { name, caCertificatePem, caPrivateKeyPem, signingCertificatePem, pkcs12Base64 } = stored;
  if (
    stored.format !== FILE_FORMAT ||
    typeof name !== 'string' ||
    typeof caCertificatePem !== 'string' ||
    typeof caPrivateKeyPem !== 'string' ||
    typeof signingCertificatePem !== 'string' ||
    typeof pkcs12Base64 !== 'string'
  ) {
    throw new Error(
      `${file} is not a sandbox authority (${FILE_FORMAT}). Delete it to let the sandbox create a new one; ` +
        'documents signed with the old one keep verifying, they just chain to a CA that no longer exists.',
    );
  }
  return { name, caCertificatePem, caPrivateKeyPem, signingCertificatePem, pkcs12: Buffer.from(pkcs12Base64, 'base64') };
}

async function createAuthority(name: string): Promise<StoredAuthority> {
  const [caKeys, signingKeys] = await Promise.all([generateRsaKeys(), generateRsaKeys()]);
  const now = Date.now();
  const notBefore = new Date(now - DAY_MS); // tolerate clocks running slightly behind this machine's
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);

  const subject = caSubject(name);
  const caCertificate = forge.pki.createCertificate();
  caCertificate.publicKey = caKeys.publicKey;
  caCertificate.serialNumber = randomSerialNumber();
  caCertificate.validity.notBefore = notBefore;
  caCertificate.validity.notAfter = notAfter;
  caCertificate.setSubject(subject);
  caCertificate.setIssuer(subject);
  caCertificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCertificate.sign(caKeys.privateKey, forge.md.sha256.create());

  const signingCertificate = issueSigningCertificate(
    { caCertificate, caPrivateKey: caKeys.privateKey, name },
    signingKeys.publicKey,
    `${name} Signing`,
    notBefore,
  );
  const pkcs12 = forge.pkcs12.toPkcs12Asn1(signingKeys.privateKey, [signingCertificate, caCertificate], '', {
    algorithm: '3des', // readable by OpenSSL 3 without its legacy provider, and by @signpdf/signer-p12
    friendlyName: `${name} Signing`,
  });
  return {
    format: FILE_FORMAT,
    name,
    caCertificatePem: forge.pki.certificateToPem(caCertificate),
    caPrivateKeyPem: caKeys.privateKeyPem,
    signingCertificatePem: forge.pki.certificateToPem(signingCertificate),
    pkcs12Base64: Buffer.from(forge.asn1.toDer(pkcs12).getBytes(), 'binary').toString('base64'),
  };
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** Key generation runs in OpenSSL (milliseconds) rather than in node-forge's JavaScript (seconds). */
async function generateRsaKeys() {
  const { privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);
  return {
    privateKeyPem: privateKey,
    privateKey: forgeKey,
    publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e),
  };
}

interface Issuer {
  caCertificate: forge.pki.Certificate;
  caPrivateKey: forge.pki.rsa.PrivateKey;
  name: string;
}

function issueSigningCertificate(
  issuer: Issuer,
  publicKey: forge.pki.rsa.PublicKey,
  commonName: string,
  notBefore: Date,
): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = randomSerialNumber();
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = issuer.caCertificate.validity.notAfter;
  certificate.setSubject([utf8Field('commonName', commonName), utf8Field('organizationName', issuer.name)]);
  // Rebuilt from the name rather than copied from the parsed CA: forge reads UTF-8 names back as raw
  // bytes and would encode them a second time.
  certificate.setIssuer(caSubject(issuer.name));
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuer.caCertificate.generateSubjectKeyIdentifier().getBytes() },
  ]);
  certificate.sign(issuer.caPrivateKey, forge.md.sha256.create());
  return certificate;
}

/** forge writes names as PrintableString unless told otherwise, which garbles "Łęcka". */
function utf8Field(name: string, value: string): forge.pki.CertificateField {
  // @types/node-forge types valueTagClass as a class; forge reads it as the ASN.1 string type.
  return { name, value, valueTagClass: forge.asn1.Type.UTF8 as number as forge.asn1.Class };
}

function caSubject(name: string): forge.pki.CertificateField[] {
  return [utf8Field('commonName', `${name} Root CA`), utf8Field('organizationName', name)];
}

/** 16 random bytes, first bit clear so the DER INTEGER stays positive without a padding byte. */
function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

interface KeyMaterial extends Issuer {
  /** Parsed from the PEM's DER: re-encoding forge's parsed certificate would not give the same bytes. */
  caCertificateAsn1: forge.asn1.Asn1;
  signingKeyPem: string;
  signingPublicKey: forge.pki.rsa.PublicKey;
}

// Unpacking the PKCS#12 runs a JavaScript key derivation; do it once per authority object.
const keyMaterialCache = new WeakMap<SandboxAuthority, KeyMaterial>();

function keyMaterial(authority: SandboxAuthority): KeyMaterial {
  const cached = keyMaterialCache.get(authority);
  if (cached) return cached;
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(authority.pkcs12.toString('binary')), false, '');
  const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0];
  const signingKey = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!signingKey) throw new Error(`The PKCS#12 of sandbox authority "${authority.name}" holds no private key.`);
  const material: KeyMaterial = {
    name: authority.name,
    caCertificate: forge.pki.certificateFromPem(authority.caCertificatePem),
    caCertificateAsn1: forge.asn1.fromDer(forge.pem.decode(authority.caCertificatePem)[0]?.body ?? ''),
    caPrivateKey: forge.pki.privateKeyFromPem(authority.caPrivateKeyPem),
    signingKeyPem: forge.pki.privateKeyToPem(signingKey),
    signingPublicKey: forge.pki.setRsaPublicKey(signingKey.n, signingKey.e),
  };
  keyMaterialCache.set(authority, material);
  return material;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

const { asn1 } = forge;
const { Class, Type } = forge.asn1;
const oid = (value: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(value).getBytes());
const sequence = (items: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const octetString = (bytes: string) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes);
const integer = (hex: string) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, forge.util.hexToBytes(hex));
const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();
const sha256 = (bytes: Buffer | string) =>
  createHash('sha256').update(typeof bytes === 'string' ? Buffer.from(bytes, 'binary') : bytes).digest('binary');
const sha256Algorithm = () => sequence([oid(OID.sha256), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]);

/** DER wants the members of a SET OF in ascending order of their encodings. */
function setOf(items: forge.asn1.Asn1[], tagClass = Class.UNIVERSAL, tag: number = Type.SET) {
  const sorted = [...items].sort((a, b) => (der(a) < der(b) ? -1 : der(a) > der(b) ? 1 : 0));
  return asn1.create(tagClass, tag, true, sorted);
}

const attribute = (type: string, value: forge.asn1.Asn1) => sequence([oid(type), setOf([value])]);

/**
 * A CAdES-detached CMS SignedData over `content` for PAdES (SubFilter ETSI.CAdES.detached): signed
 * attributes content-type, message-digest and signing-certificate-v2 (required by PAdES baseline);
 * no signing-time attribute, because PAdES takes the claimed time from the signature dictionary's /M.
 * The signer gets a certificate of their own (CN = `signerName`, issued by the sandbox CA over the
 * authority's signing key), so viewers and pdfsig show who signed instead of the sandbox's name.
 * @internal used by {@link signPdf}; not part of the public API of the sandbox signing module.
 */
export function createCadesDetachedSignature(
  authority: SandboxAuthority,
  content: Buffer,
  signerName: string,
  signedAt: Date,
): Buffer {
  const material = keyMaterial(authority);
  const signerCertificate = issueSigningCertificate(
    material,
    material.signingPublicKey,
    signerName,
    new Date(signedAt.getTime() - DAY_MS),
  );
  const signerCertificateAsn1 = forge.pki.certificateToAsn1(signerCertificate);
  const issuerName = forge.pki.distinguishedNameToAsn1(signerCertificate.issuer);

  const signedAttributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(sha256(content))),
    // ESSCertIDv2 without hashAlgorithm: SHA-256 is its DEFAULT, which DER requires to be omitted.
    attribute(
      OID.signingCertificateV2,
      sequence([
        sequence([
          sequence([
            octetString(sha256(der(signerCertificateAsn1))),
            sequence([
              sequence([asn1.create(Class.CONTEXT_SPECIFIC, 4, true, [issuerName])]), // directoryName
              integer(signerCertificate.serialNumber),
            ]),
          ]),
        ]),
      ]),
    ),
  ];
  // The signature covers the attributes encoded as a SET; the SignerInfo carries them tagged [0].
  const signatureValue = rsaSign('sha256', Buffer.from(der(setOf(signedAttributes)), 'binary'), material.signingKeyPem);

  const signerInfo = sequence([
    integer('01'),
    sequence([issuerName, integer(signerCertificate.serialNumber)]),
    sha256Algorithm(),
    setOf(signedAttributes, Class.CONTEXT_SPECIFIC, 0),
    sequence([oid(OID.rsaEncryption), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]),
    octetString(signatureValue.toString('binary')),
  ]);
  const signedData = sequence([
    integer('01'),
    setOf([sha256Algorithm()]),
    sequence([oid(OID.data)]),
    setOf(
      [signerCertificateAsn1, material.caCertificateAsn1],
      Class.CONTEXT_SPECIFIC,
      0,
    ),
    setOf([signerInfo]),
  ]);
  const contentInfo = sequence([oid(OID.signedData), asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
  return Buffer.from(der(contentInfo), 'binary');
}

/**
 * The authority's signing key (PEM, PKCS#8) and its certificate (PEM, issued by the sandbox CA), for
 * signatures that are not CMS, such as the XML-DSig of an audit proof.
 * @internal for the sandboxes; not part of the public API of the sandbox signing module.
 */
export function sandboxSigningKey(authority: SandboxAuthority): { privateKeyPem: string; certificatePem: string } {
  return { privateKeyPem: keyMaterial(authority).signingKeyPem, certificatePem: authority.signingCertificatePem };
}

/**
 * The authority kept in `dir`, loaded (or created) on the first call and kept for the next ones; a load
 * that failed is tried again on the next call rather than remembered.
 */
export function sandboxAuthorityOnFirstUse(dir: string): () => Promise<SandboxAuthority> {
  let authority: Promise<SandboxAuthority> | null = null;
  return () => {
    authority ??= loadOrCreateSandboxAuthority(dir).catch((error: unknown) => {
      authority = null;
      throw error;
    });
    return authority;
  };
}
