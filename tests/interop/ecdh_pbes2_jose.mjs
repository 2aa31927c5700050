#!/usr/bin/env node
// ECDH-ES and PBES2 interop with panva/jose, both ways (issue 14).
//
//   NODE_PATH is not used by ES modules: run from a directory whose node_modules holds jose
//   (tests/interop after setup.sh), e.g.  node tests/interop/ecdh_pbes2_jose.mjs [JWCRYPT_BINARY]
//
// 1. jose makes tokens for P-256, P-384, P-521 and X25519 (jose has no X448) x every ECDH-ES
//    algorithm x A128CBC-HS256 and A256GCM, with and without apu/apv, compact and flattened
//    JSON, and the three PBES2 algorithms: tests/data/interop/jose/jwe_ecdh_pbes2.json, read by
//    tests/api/interop.rs.
// 2. jwcrypt (the CLI) encrypts the same matrix and jose decrypts it:
//    `reverse (jwcrypt encrypts, jose decrypts): N passed, M failed`.
import * as jose from 'jose';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = process.env.INTEROP_HERE ?? dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const OUT = join(ROOT, 'tests', 'data', 'interop', 'jose', 'jwe_ecdh_pbes2.json');
const require = createRequire(import.meta.url);
let joseVersion = 'unknown';
try { joseVersion = JSON.parse(readFileSync(require.resolve('jose/package.json'))).version; } catch { /* exports map */ }
const CURVES = [['ES256', 'P-256'], ['ES384', 'P-384'], ['ES512', 'P-521'], ['X25519', 'X25519']];
const ECDH = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];
const PBES2 = ['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'];
const ENCS = ['A128CBC-HS256', 'A256GCM'];
const PASSWORD = 'interop-test-password';
const PLAINTEXT = new TextEncoder().encode('Interop plaintext: été ☃ ECDH-ES and PBES2');
const b64u = (s) => Buffer.from(s).toString('base64url');
const same = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

const cases = [];
const keys = {};
for (const [genAlg, crv] of CURVES) {
  const { publicKey, privateKey } = await jose.generateKeyPair(genAlg === 'X25519' ? 'ECDH-ES' : 'ECDH-ES', { crv, extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = `interop-${crv}`;
  keys[crv] = { publicKey, privateKey, jwk };
  for (const alg of ECDH) {
    for (const enc of ENCS) {
      for (const party of [false, true]) {
        const opts = party ? { apu: new TextEncoder().encode('Alice'), apv: new TextEncoder().encode('Bob') } : {};
        const header = { alg, enc, kid: jwk.kid };
        const compact = await new jose.CompactEncrypt(PLAINTEXT).setProtectedHeader(header).setKeyManagementParameters(opts).encrypt(publicKey);
        const flat = await new jose.FlattenedEncrypt(PLAINTEXT).setProtectedHeader(header).setKeyManagementParameters(opts).encrypt(publicKey);
        const back = await jose.compactDecrypt(compact, privateKey);
        if (!same(back.plaintext, PLAINTEXT)) throw new Error('jose self-check');
        cases.push({ name: `${alg}-${crv}-${enc}${party ? '-apu-apv' : ''}`, alg, enc, jwk, compact, json: flat });
      }
    }
  }
}
const pw = new TextEncoder().encode(PASSWORD);
for (const alg of PBES2) {
  for (const enc of ENCS) {
    const compact = await new jose.CompactEncrypt(PLAINTEXT).setProtectedHeader({ alg, enc }).encrypt(pw);
    const flat = await new jose.FlattenedEncrypt(PLAINTEXT).setProtectedHeader({ alg, enc }).encrypt(pw);
    const back = await jose.compactDecrypt(compact, pw, { keyManagementAlgorithms: [alg] });
    if (!same(back.plaintext, PLAINTEXT)) throw new Error('jose self-check');
    cases.push({ name: `${alg}-${enc}`, alg, enc, password: PASSWORD, compact, json: flat });
  }
}
writeFileSync(OUT, JSON.stringify({ generator: `jose ${joseVersion} (node ${process.versions.node})`,
  plaintext_b64u: b64u(PLAINTEXT), cases }, null, 1) + '\n');
console.log(`wrote ${cases.length} cases to ${OUT}`);

const binary = process.argv[2] ?? join(ROOT, 'target', 'debug', 'jwcrypt');
const dir = mkdtempSync(join(tmpdir(), 'jwcrypt-jose-'));
let passed = 0; let failed = 0;
const run = (args) => execFileSync(binary, args, { input: Buffer.from(PLAINTEXT) }).toString().trim();
try {
  for (const [crv, k] of Object.entries(keys)) {
    const pub = join(dir, `${crv}.json`);
    writeFileSync(pub, JSON.stringify(await jose.exportJWK(k.publicKey)));
    for (const alg of ECDH) {
      for (const enc of ENCS) {
        for (const extra of [[], ['--apu', b64u('Alice'), '--apv', b64u('Bob')], ['--json']]) {
          try {
            const token = run(['jwe', 'encrypt', '--key', pub, '--alg', alg, '--enc', enc, ...extra]);
            const out = extra[0] === '--json'
              ? await jose.flattenedDecrypt(JSON.parse(token), k.privateKey)
              : await jose.compactDecrypt(token, k.privateKey);
            if (!same(out.plaintext, PLAINTEXT)) throw new Error('plaintext differs');
            passed += 1;
          } catch (e) { failed += 1; console.log(`FAIL jwcrypt->jose ${alg} ${crv} ${enc} ${extra}: ${e}`); }
        }
      }
    }
  }
  const pwf = join(dir, 'pw');
  writeFileSync(pwf, `${PASSWORD}\n`);
  for (const alg of PBES2) {
    for (const enc of ENCS) {
      try {
        const token = run(['jwe', 'encrypt', '--password-file', pwf, '--alg', alg, '--enc', enc]);
        const out = await jose.compactDecrypt(token, pw, { keyManagementAlgorithms: [alg] });
        if (!same(out.plaintext, PLAINTEXT)) throw new Error('plaintext differs');
        passed += 1;
      } catch (e) { failed += 1; console.log(`FAIL jwcrypt->jose ${alg} ${enc}: ${e}`); }
    }
  }
} finally { rmSync(dir, { recursive: true, force: true }); }
console.log(`reverse (jwcrypt encrypts, jose decrypts): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
