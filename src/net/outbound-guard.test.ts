import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import forge from 'node-forge';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkOutboundUrl,
  createOutboundDispatcher,
  isPublicAddress,
  NOTHING_ALLOWED,
  OutboundRefusedError,
  parseAllowList,
  type OutboundPolicy,
} from './outbound-guard.js';

const publicOnly: OutboundPolicy = { allow: NOTHING_ALLOWED };

function refusal(url: string, policy: OutboundPolicy = publicOnly): OutboundRefusedError | undefined {
  try {
    checkOutboundUrl(url, policy);
    return undefined;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return error;
    throw error;
  }
}

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '0.1.2.3',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '192.0.0.8',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::7f00:1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'fec0::1',
    'ff02::1',
    '2001:db8::1',
    '2002:7f00:1::1',
    '2001:0:4136:e378::1',
    '100::1',
    '::7f00:1',
    'not an address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:81c::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    '%s is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('checkOutboundUrl', () => {
  it.each([
    ['http://127.0.0.1:4198/', 'private-address'],
    ['https://127.0.0.1:4198/', 'private-address'],
    ['https://localhost/', 'private-address'],
    ['https://api.localhost/', 'private-address'],
    ['https://[::1]/', 'private-address'],
    ['https://[::ffff:127.0.0.1]/', 'private-address'],
    ['https://127.1/', 'private-address'],
    ['https://2130706433/', 'private-address'],
    ['https://0x7f000001/', 'private-address'],
    ['https://0177.0.0.1/', 'private-address'],
    ['https://0.0.0.0/', 'private-address'],
    ['https://169.254.169.254/latest/meta-data/', 'private-address'],
    ['https://10.0.0.5/', 'private-address'],
    ['https://[fd00::5]/', 'private-address'],
    ['https://user:pw@api.example.com/', 'credentials'],
    ['https://user@api.example.com/', 'credentials'],
    ['http://api.example.com/', 'insecure-http'],
    ['ftp://api.example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['not a url', 'invalid-url'],
  ])('refuses %s (%s)', (url, reason) => {
    const error = refusal(url);
    expect(error?.reason).toBe(reason);
    expect(error?.message).not.toBe('');
  });

  it('accepts public https URLs', () => {
    expect(refusal('https://api.autenti.com/api/v2/')).toBeUndefined();
    expect(refusal('https://93.184.216.34/')).toBeUndefined();
    expect(refusal('https://[2606:4700:4700::1111]/')).toBeUndefined();
  });

  it('says how an operator opens a private destination', () => {
    expect(refusal('https://10.0.0.5/')?.message).toContain('COUNTERSIGN_ALLOW_PRIVATE_URLS');
  });

  it('opens, over http or https, exactly what the allow list names: hosts, addresses and ranges', () => {
    const policy: OutboundPolicy = { allow: parseAllowList('127.0.0.1, 10.0.0.0/8,emulator.internal,fd00::/8') };
    for (const url of ['http://127.0.0.1:4198/', 'https://127.0.0.1/', 'http://10.200.3.4/', 'http://emulator.internal:8080/', 'http://[fd00::7]/', 'https://[::ffff:10.0.0.1]/']) {
      expect(refusal(url, policy), url).toBeUndefined();
    }
    for (const url of ['http://127.0.0.2/', 'https://localhost/', 'https://192.168.1.1/', 'http://other.internal/', 'http://api.example.com/', 'https://u:p@127.0.0.1/']) {
      expect(refusal(url, policy), url).toBeDefined();
    }
  });

  it('trusts exactly the given origins: scheme, host and port', () => {
    const policy: OutboundPolicy = { allow: NOTHING_ALLOWED, trustedOrigins: () => ['http://127.0.0.1:3000'] };
    expect(refusal('http://127.0.0.1:3000/sandbox/autenti/api/v2/', policy)).toBeUndefined();
    expect(refusal('http://127.0.0.1:3001/', policy)?.reason).toBe('private-address');
    expect(refusal('https://127.0.0.1:3000/', policy)?.reason).toBe('private-address');
    expect(refusal('http://localhost:3000/', policy)?.reason).toBe('private-address');
  });
});

describe('parseAllowList', () => {
  it('reads hosts, addresses and CIDR ranges', () => {
    const list = parseAllowList('127.0.0.1,10.0.0.0/8, [::1], Emulator.Internal ,');
    expect([...list.hosts]).toEqual(['emulator.internal']);
    expect(list.ranges).toHaveLength(3);
    expect(parseAllowList(undefined).entries).toEqual([]);
  });

  it('refuses numeric entries that are not written as full addresses', () => {
    expect(() => parseAllowList('127.1')).toThrow(/"127\.1" is none of these/);
    expect(() => parseAllowList('0x7f000001')).toThrow(/none of these/);
  });

  it('names every entry it cannot read', () => {
    expect(() => parseAllowList('10.0.0.0/99,http://x/,ok.example')).toThrow(/"10\.0\.0\.0\/99", "http:\/\/x\/" are none of these/);
  });
});

describe('createOutboundDispatcher', () => {
  let server: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('reached'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = async (url: string, policy: OutboundPolicy) => {
    const dispatcher = createOutboundDispatcher(policy);
    try {
      const response = await request(url, { dispatcher });
      return await response.body.text();
    } finally {
      await dispatcher.close();
    }
  };
  const refusedBy = async (url: string, policy: OutboundPolicy) => {
    const before = connections;
    const error = await get(url, policy).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(connections, 'the listener was contacted').toBe(before);
    return OutboundRefusedError.find(error);
  };

  it('refuses a name that resolves to a private address, and never connects', async () => {
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const allowHttp: OutboundPolicy = { allow: parseAllowList('rebind.example'), lookup };
    // Sanity: the same resolver reaches the listener when the name is opened.
    expect(await get(`http://rebind.example:${port}/`, allowHttp)).toBe('reached');
    const error = await refusedBy(`https://rebind.example:${port}/`, { allow: NOTHING_ALLOWED, lookup });
    expect(error?.reason).toBe('private-address');
    expect(error?.message).toContain('rebind.example (which resolves to 127.0.0.1)');
  });

  it('refuses a name with one private answer among public ones', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:127.0.0.1', family: 6 },
    ];
    expect((await refusedBy(`https://mixed.example:${port}/`, { allow: NOTHING_ALLOWED, lookup }))?.reason).toBe('private-address');
  });

  it('connects to the address it checked, not to a second answer of the resolver', async () => {
    let calls = 0;
    // A rebinding resolver: a public address for the check, loopback afterwards. Only one lookup may happen.
    const lookup = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    const policy: OutboundPolicy = { allow: parseAllowList('127.0.0.1'), lookup };
    expect(await get(`http://twice.example:${port}/`, { ...policy, allow: parseAllowList('twice.example') })).toBe('reached');
    expect(calls).toBe(1);
  });

  it('refuses private IP literals and plain http at connection time too', async () => {
    expect((await refusedBy(`http://127.0.0.1:${port}/`, publicOnly))?.reason).toBe('private-address');
    expect((await refusedBy(`http://public.example:${port}/`, { allow: NOTHING_ALLOWED, lookup: async () => [{ address: '93.184.216.34', family: 4 }] }))?.reason).toBe('insecure-http');
    expect((await refusedBy(`https://127.0.0.1:${port}/`, publicOnly))?.reason).toBe('private-address');
    expect((await refusedBy(`https://[::ffff:127.0.0.1]:${port}/`, publicOnly))?.reason).toBe('private-address');
  });

  it('lets an allowed address or a trusted origin through over http', async () => {
    expect(await get(`http://127.0.0.1:${port}/`, { allow: parseAllowList('127.0.0.0/8') })).toBe('reached');
    expect(await get(`http://127.0.0.1:${port}/`, { allow: NOTHING_ALLOWED, trustedOrigins: () => [`http://127.0.0.1:${port}`] })).toBe('reached');
    expect((await refusedBy(`http://127.0.0.1:${port}/`, { allow: NOTHING_ALLOWED, trustedOrigins: () => [`http://127.0.0.1:${port + 1}`] }))?.reason).toBe(
      'private-address',
    );
  });
});

/** A self-signed certificate for `name`. */
function selfSigned(name: string): { key: string; cert: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3_600_000);
  const subject = [{ name: 'commonName', value: name }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: name }] }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(cert) };
}

describe('TLS through the checked address', () => {
  it('still sends the name (SNI) and checks the certificate against the name, not the address', async () => {
    const { key, cert } = selfSigned('emulator.internal');
    const server = createTlsServer({ key, cert }, (request, response) => response.end(`sni=${(request.socket as { servername?: string }).servername}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const call = async (name: string) => {
      const dispatcher = createOutboundDispatcher({ allow: parseAllowList(name), lookup }, { ca: cert });
      try {
        return await (await request(`https://${name}:${port}/`, { dispatcher })).body.text();
      } finally {
        await dispatcher.close();
      }
    };
    try {
      expect(await call('emulator.internal')).toBe('sni=emulator.internal');
      await expect(call('other.internal')).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
