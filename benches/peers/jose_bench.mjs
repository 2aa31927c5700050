#!/usr/bin/env node
// panva/jose (Node, on node:crypto / OpenSSL): the peer operations, JWS and JWE.
//
// Same command line and output as the Rust peer programs:
//   [--rounds R (3)] [--seconds T (1)] [--ops op1,op2] [--data DIR] [--list]
// prints one JSON line per operation: {"lib", "op", "ops_per_sec" (median of rounds), "rounds"}.
// jose's API is asynchronous: one operation = one awaited call chain.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompactEncrypt, SignJWT, compactDecrypt, importJWK, importPKCS8, importSPKI, jwtVerify,
} from 'jose';

const LIB = 'jose (Node)';
const HERE = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const o = { rounds: 3, seconds: 1, ops: null, data: process.env.PEERS_DATA || join(HERE, 'data'), list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--rounds') o.rounds = parseInt(val(), 10);
    else if (a === '--seconds') o.seconds = parseFloat(val());
    else if (a === '--ops') o.ops = new Set(val().split(','));
    else if (a === '--data') o.data = val();
    else if (a === '--list') o.list = true;
    else usage(`unknown argument ${a}`);
  }
  if (!(o.rounds > 0) || !(o.seconds > 0)) usage('--rounds and --seconds must be positive');
  return o;
}

function usage(msg) {
  console.error(`error: ${msg}\nusage: node jose_bench.mjs [--rounds R] [--seconds T] [--ops op1,op2] [--data DIR] [--list]`);
  process.exit(2);
}

const now = () => process.hrtime.bigint();

// Calls f in batches until `seconds` have passed; returns calls per second.
async function measure(f, seconds) {
  const dur = BigInt(Math.round(seconds * 1e9));
  const start = now();
  let count = 0;
  let batch = 1;
  for (;;) {
    const b0 = now();
    for (let i = 0; i < batch; i++) await f();
    count += batch;
    const t = now();
    if (t - start >= dur) return count / (Number(t - start) / 1e9);
    if (t - b0 < 500_000n && batch < (1 << 20)) batch *= 2;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const r2 = (x) => Math.round(x * 100) / 100;

const opts = parseArgs(process.argv.slice(2));
const wants = (op) => opts.ops === null || opts.ops.has(op);

async function run(op, f) {
  if (!wants(op)) return;
  if (opts.list) {
    console.log(op);
    return;
  }
  await measure(f, Math.min(opts.seconds / 2, 0.5)); // warm-up
  const rounds = [];
  for (let i = 0; i < opts.rounds; i++) rounds.push(await measure(f, opts.seconds));
  console.log(JSON.stringify({ lib: LIB, op, ops_per_sec: r2(median(rounds)), rounds: rounds.map(r2) }));
}

function check(ok, what) {
  if (!ok) {
    console.error(`self-check failed: ${what}`);
    process.exit(1);
  }
}

const read = (name) => readFileSync(join(opts.data, name));
const claimsJson = read('claims.json').toString('utf8').trimEnd();
const claims = JSON.parse(claimsJson);
const claimsBytes = new TextEncoder().encode(claimsJson);
const payload4k = new Uint8Array(read('payload-4k.bin'));
const payload1m = new Uint8Array(4096 * 256);
for (let i = 0; i < 256; i++) payload1m.set(payload4k, i * 4096);

const jwkOf = (name) => JSON.parse(read(name).toString('utf8'));
const hsKey = await importJWK({ ...jwkOf('hs256.jwk.json'), alg: 'HS256' }, 'HS256');
const kek = await importJWK({ ...jwkOf('a256kw.jwk.json'), alg: 'A256KW' }, 'A256KW');
const dirKey = await importJWK({ ...jwkOf('dir-a256gcm.jwk.json'), alg: 'dir' }, 'dir');
const privPem = read('rsa2048.pem').toString('utf8');
const pubPem = read('rsa2048.pub.pem').toString('utf8');
const rsaPriv = {};
const rsaPub = {};
for (const alg of ['RS256', 'PS256', 'RSA-OAEP-256']) {
  rsaPriv[alg] = await importPKCS8(privPem, alg);
  rsaPub[alg] = await importSPKI(pubPem, alg);
}
// EC and OKP keys (PKCS#8 private, SPKI public PEM), imported for each algorithm they serve.
const pemPair = async (name, alg) => [
  await importPKCS8(read(`${name}.pem`).toString('utf8'), alg),
  await importSPKI(read(`${name}.pub.pem`).toString('utf8'), alg),
];
const es256 = await pemPair('ec-p256', 'ES256');
const es384 = await pemPair('ec-p384', 'ES384');
const es512 = await pemPair('ec-p521', 'ES512');
const ed25519 = await pemPair('ed25519', 'EdDSA');
const ecdhP256 = await pemPair('ec-p256', 'ECDH-ES+A256KW');
const ecdhX25519 = await pemPair('x25519', 'ECDH-ES+A256KW');
// PBES2: the password's bytes are the key; jose's default p2c (2048) is raised to the shared
// 8192 (its p2s is 16 random bytes by default).
const password = new Uint8Array(read('pbes2-password.txt'));
const P2C = 8192;

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sameBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

// --- JWS: sign = claims -> compact JWS; verify = signature + exp/nbf + claims ---
const sign = (alg, key) => new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
// jwtVerify checks exp and nbf against the current time and returns the parsed claims.
const verify = async (token, alg, key) => (await jwtVerify(token, key, { algorithms: [alg] })).payload;

for (const [alg, skey, vkey] of [
  ['HS256', hsKey, hsKey],
  ['RS256', rsaPriv.RS256, rsaPub.RS256],
  ['PS256', rsaPriv.PS256, rsaPub.PS256],
  ['ES256', ...es256],
  ['ES384', ...es384],
  ['ES512', ...es512],
  ['EdDSA', ...ed25519],
]) {
  const name = alg.toLowerCase();
  const token = await sign(alg, skey);
  check(sameJson(await verify(token, alg, vkey), claims), `${alg} round trip`);
  await run(`${name}-sign`, () => sign(alg, skey));
  await run(`${name}-verify`, () => verify(token, alg, vkey));
}

// --- JWE: payload bytes <-> compact JWE ---
const encrypt = (data, header, key, kmParams) => {
  const e = new CompactEncrypt(data).setProtectedHeader(header);
  if (kmParams) e.setKeyManagementParameters(kmParams);
  return e.encrypt(key);
};
const decrypt = async (token, key, options) => (await compactDecrypt(token, key, options)).plaintext;

const kwCbc = { alg: 'A256KW', enc: 'A256CBC-HS512' };
for (const [data, header, ekey, dkey, encOp, decOp, kmParams] of [
  [claimsBytes, kwCbc, kek, kek, 'a256kw-cbc-hs512-encrypt-claims', 'a256kw-cbc-hs512-decrypt-claims'],
  [payload4k, kwCbc, kek, kek, 'a256kw-cbc-hs512-encrypt-4k', 'a256kw-cbc-hs512-decrypt-4k'],
  [payload1m, kwCbc, kek, kek, 'a256kw-cbc-hs512-encrypt-1m', 'a256kw-cbc-hs512-decrypt-1m'],
  [claimsBytes, { alg: 'dir', enc: 'A256GCM' }, dirKey, dirKey,
    'dir-a256gcm-encrypt-claims', 'dir-a256gcm-decrypt-claims'],
  [claimsBytes, { alg: 'RSA-OAEP-256', enc: 'A256GCM' }, rsaPub['RSA-OAEP-256'], rsaPriv['RSA-OAEP-256'],
    'rsa-oaep-256-a256gcm-encrypt-claims', 'rsa-oaep-256-a256gcm-decrypt-claims'],
  [claimsBytes, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }, ecdhP256[1], ecdhP256[0],
    'ecdh-es-a256kw-a256gcm-p256-encrypt-claims', 'ecdh-es-a256kw-a256gcm-p256-decrypt-claims'],
  [claimsBytes, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }, ecdhX25519[1], ecdhX25519[0],
    'ecdh-es-a256kw-a256gcm-x25519-encrypt-claims', 'ecdh-es-a256kw-a256gcm-x25519-decrypt-claims'],
  [claimsBytes, { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' }, password, password,
    'pbes2-hs256-a128kw-a128gcm-encrypt-claims', 'pbes2-hs256-a128kw-a128gcm-decrypt-claims', { p2c: P2C }],
]) {
  if (!wants(encOp) && !wants(decOp)) continue;
  // jose decrypts PBES2 only when it is named in keyManagementAlgorithms.
  const decOpts = kmParams ? { keyManagementAlgorithms: [header.alg] } : undefined;
  const token = await encrypt(data, header, ekey, kmParams);
  check(sameBytes(await decrypt(token, dkey, decOpts), data), `${encOp} round trip`);
  if (kmParams) {
    const { protectedHeader } = await compactDecrypt(token, dkey, decOpts);
    check(protectedHeader.p2c === kmParams.p2c, `${encOp} p2c`);
  }
  await run(encOp, () => encrypt(data, header, ekey, kmParams));
  await run(decOp, () => decrypt(token, dkey, decOpts));
}

// --- Nested: signed JWT inside A256KW + A256CBC-HS512 with cty "JWT" ---
const outerHeader = { alg: 'A256KW', enc: 'A256CBC-HS512', cty: 'JWT' };
const enc = new TextEncoder();
const dec = new TextDecoder();
const make = async (alg, skey) => encrypt(enc.encode(await sign(alg, skey)), outerHeader, kek);
const readNested = async (token, alg, vkey) => {
  const { plaintext, protectedHeader } = await compactDecrypt(token, kek);
  if (protectedHeader.cty !== 'JWT') throw new Error('cty');
  return verify(dec.decode(plaintext), alg, vkey);
};
for (const [alg, skey, vkey] of [
  ['HS256', hsKey, hsKey],
  ['RS256', rsaPriv.RS256, rsaPub.RS256],
]) {
  const name = alg.toLowerCase();
  const token = await make(alg, skey);
  check(sameJson(await readNested(token, alg, vkey), claims), `nested ${alg} round trip`);
  await run(`nested-${name}-make`, () => make(alg, skey));
  await run(`nested-${name}-read`, () => readNested(token, alg, vkey));
}
