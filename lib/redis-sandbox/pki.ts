// Test PKI made with the real `openssl` binary: a CA, a server certificate (SAN localhost and
// 127.0.0.1), a client certificate for mTLS, and optionally an EXPIRED server certificate.
// `openssl x509` 3.0 cannot back-date (no -not_before), so leaves are signed with `openssl ca`
// and explicit -startdate/-enddate (see FACTS.md).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const run = promisify(execFile);

export interface Pki {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
}

export interface PkiOptions {
  /** Issue a server certificate that expired a year ago. */
  expiredServerCert?: boolean;
}

function opensslDate(date: Date): string {
  // YYYYMMDDHHMMSSZ, the form `openssl ca -startdate/-enddate` accepts.
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

const DAY_MS = 86_400_000;

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd });
}

async function newKeyAndCsr(dir: string, name: string, subject: string): Promise<void> {
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  await openssl(['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
}

async function signWithCa(dir: string, name: string, extensions: string, start: Date, end: Date): Promise<void> {
  await openssl(
    [
      'ca', '-batch', '-notext', '-config', 'ca.cnf', '-extensions', extensions,
      '-in', `${name}.csr`, '-out', `${name}.crt`,
      '-startdate', opensslDate(start), '-enddate', opensslDate(end),
    ],
    dir,
  );
}

const CA_CONFIG = `
[ ca ]
default_ca = sandbox
[ sandbox ]
dir = .
database = index.txt
new_certs_dir = issued
serial = serial
certificate = ca.crt
private_key = ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
[ server ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[ client ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
`;

/** Creates a PKI in `dir` (which must exist and be private to the caller). */
export async function createPki(dir: string, options: PkiOptions = {}): Promise<Pki> {
  await mkdir(path.join(dir, 'issued'), { recursive: true });
  await writeFile(path.join(dir, 'ca.cnf'), CA_CONFIG);
  await writeFile(path.join(dir, 'index.txt'), '');
  await writeFile(path.join(dir, 'serial'), '1000\n');

  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  await openssl(
    ['req', '-x509', '-new', '-key', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/O=Redis Compliance Sandbox/CN=Sandbox CA'],
    dir,
  );

  const now = Date.now();
  await newKeyAndCsr(dir, 'server', '/O=Redis Compliance Sandbox/CN=localhost');
  if (options.expiredServerCert) {
    await signWithCa(dir, 'server', 'server', new Date(now - 400 * DAY_MS), new Date(now - 35 * DAY_MS));
  } else {
    await signWithCa(dir, 'server', 'server', new Date(now - DAY_MS), new Date(now + 365 * DAY_MS));
  }
  await newKeyAndCsr(dir, 'client', '/O=Redis Compliance Sandbox/CN=sandbox-client');
  await signWithCa(dir, 'client', 'client', new Date(now - DAY_MS), new Date(now + 365 * DAY_MS));

  return {
    caFile: path.join(dir, 'ca.crt'),
    serverCertFile: path.join(dir, 'server.crt'),
    serverKeyFile: path.join(dir, 'server.key'),
    clientCertFile: path.join(dir, 'client.crt'),
    clientKeyFile: path.join(dir, 'client.key'),
  };
}
