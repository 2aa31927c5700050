#!/usr/bin/env node
// panva/jose reads every key and token in fixture-format directories.
//
//     node peers_read_jwcrypt.mjs DIR [DIR ...]
//
// Each DIR may hold keys.json, jws.json, jwe.json and jwt.json in the shapes of
// tests/data/interop/* (see README.md). run.sh points it at what the jwcrypt CLI made;
// check_fixtures.sh points it at the fixtures jwcrypto and PyJWT made, which tests this reader
// and those fixtures at once. PEM forms jose cannot import (PKCS#1, encrypted PKCS#8) are read with
// node:crypto (OpenSSL). Prints one line per failure, a summary per file, and last
// `interop: N passed, M failed`. Exits 1 if anything failed.
import * as jose from 'jose';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const joseVersion = JSON.parse(readFileSync(join(here, 'node_modules', 'jose', 'package.json'))).version;
const VERBOSE = process.env.INTEROP_VERBOSE === '1';
const JOSE_KW = new Set(['A128KW', 'A192KW', 'A256KW', 'dir', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']);
// jose 6 imports keys of these curves, with one of its algorithms; the others (secp256k1,
// Ed448, X448) are read with node:crypto (OpenSSL) instead
const JOSE_CURVE_ALG = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512', Ed25519: 'EdDSA', X25519: 'ECDH-ES' };
// and signs / verifies these (EdDSA with Ed25519 keys only; no ES256K, Ed448)
const JOSE_SIGN = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);
const joseSigns = (alg, jwk) => JOSE_SIGN.has(alg) && (alg !== 'EdDSA' || jwk.crv === 'Ed25519');
const HASHES = { thumbprint_sha256: 'sha256', thumbprint_sha384: 'sha384', thumbprint_sha512: 'sha512' };
const RSA_PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

const b64d = (s) => Buffer.from(s, 'base64url');
const b64int = (s) => BigInt('0x0' + b64d(s).toString('hex'));
const eqBytes = (a, b) => Buffer.from(a).equals(Buffer.from(b));
const td = new TextDecoder();
function expect(cond, what) { if (!cond) throw new Error(what); }

// deep equality of JSON values, member order ignored
function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

class Tally {
  constructor() { this.passed = 0; this.failed = 0; this.skipped = []; }
  async check(name, fn) {
    try {
      await fn();
      this.passed += 1;
      if (VERBOSE) console.log(`ok   ${name}`);
    } catch (e) {
      this.failed += 1;
      console.log(`FAIL ${name}: ${e.code ?? e.name}: ${e.message}`);
      if (VERBOSE) console.log(e.stack);
    }
  }
  skip(name, why) { this.skipped.push(`${name} (${why})`); }
}

// jose binds an RSA key to one algorithm at import; members that name other uses
// (alg, use, key_ops) would make WebCrypto refuse it, so import without them.
const bare = (jwk) => { const { alg, use, key_ops, ...rest } = jwk; return rest; };
const importKey = (jwk, alg) => jose.importJWK(bare(jwk), alg);

// ---------------------------------------------------------------------------------------

async function checkKeyCase(c, t, tag) {
  const name = `${tag}/${c.name}`;
  const curve = c.kty === 'EC' || c.kty === 'OKP';
  const sameKey = async (jwk, isPrivate, what) => {
    for (const [f, h] of Object.entries(HASHES)) {
      if (c[f]) expect(await jose.calculateJwkThumbprint(jwk, h) === c[f], `${what} ${f} differs`);
    }
    if (isPrivate && c.kty === 'RSA') {
      for (const p of RSA_PRIVATE) {
        if (c.jwk_private[p]) expect(b64int(jwk[p]) === b64int(c.jwk_private[p]), `${what}: ${p} differs`);
      }
    }
    if (curve) {
      for (const p of ['kty', 'crv', 'x', 'y', ...(isPrivate ? ['d'] : [])]) {
        expect(jwk[p] === c.jwk_private[p], `${what}: ${p} differs`);
      }
      if (!isPrivate) expect(!('d' in jwk), `${what}: public key has d`);
    }
  };
  if (curve) {
    await checkCurveKeyCase(c, t, name, sameKey);
    return;
  }
  await t.check(`${name} jwk_private`, async () => {
    const jwk = c.jwk_private;
    await sameKey(jwk, true, 'jwk_private');
    if (c.kty === 'oct') {
      expect(b64d(jwk.k).length * 8 === c.bits, 'oct size');
      expect((await importKey(jwk, 'HS256')) instanceof Uint8Array, 'oct import');
    } else {
      const k = await importKey(jwk, 'RS256');
      expect(k.type === 'private', 'not private');
      expect(k.algorithm.modulusLength === c.bits, `modulus size ${k.algorithm.modulusLength}`);
      // and jose's own export of it gives the same members
      await sameKey(await jose.exportJWK(await jose.importJWK(bare(jwk), 'RS256', { extractable: true })), true, 'jose re-export');
    }
  });
  if (c.jwk_public) {
    await t.check(`${name} jwk_public`, async () => {
      for (const p of RSA_PRIVATE) expect(!(p in c.jwk_public), `public JWK has ${p}`);
      await sameKey(c.jwk_public, false, 'jwk_public');
      const k = await importKey(c.jwk_public, 'PS256');
      expect(k.type === 'public', 'not public');
    });
  }
  if (c.pem_pkcs8) {
    await t.check(`${name} pem_pkcs8`, async () => {
      const k = await jose.importPKCS8(c.pem_pkcs8, 'RS256', { extractable: true });
      await sameKey(await jose.exportJWK(k), true, 'pem_pkcs8');
    });
  }
  if (c.pem_spki) {
    await t.check(`${name} pem_spki`, async () => {
      const k = await jose.importSPKI(c.pem_spki, 'RS256', { extractable: true });
      await sameKey(await jose.exportJWK(k), false, 'pem_spki');
    });
  }
  for (const [f, isPrivate] of [['pem_pkcs8_encrypted', true], ['pem_pkcs1_private', true], ['pem_pkcs1_public', false]]) {
    if (!c[f]) continue;
    await t.check(`${name} ${f} (node:crypto)`, async () => {
      const opts = { key: c[f], format: 'pem' };
      if (f === 'pem_pkcs8_encrypted') opts.passphrase = c.password;
      const ko = isPrivate ? createPrivateKey(opts) : createPublicKey(opts);
      await sameKey(ko.export({ format: 'jwk' }), isPrivate, f);
    });
  }
}

// EC and OKP keys: jose where it has the curve, node:crypto (OpenSSL) for the rest and for SEC1
// and encrypted PKCS#8
async function checkCurveKeyCase(c, t, name, sameKey) {
  const alg = JOSE_CURVE_ALG[c.crv];
  const via = alg ? '' : ' (node:crypto)';
  const exportJose = async (k) => jose.exportJWK(k);
  const load = {
    jwk: async (jwk, isPrivate) => (alg
      ? exportJose(await jose.importJWK(bare(jwk), alg, { extractable: true }))
      : (isPrivate ? createPrivateKey : createPublicKey)({ key: bare(jwk), format: 'jwk' }).export({ format: 'jwk' })),
    pem_pkcs8: async (pem) => (alg ? exportJose(await jose.importPKCS8(pem, alg, { extractable: true }))
      : createPrivateKey(pem).export({ format: 'jwk' })),
    pem_spki: async (pem) => (alg ? exportJose(await jose.importSPKI(pem, alg, { extractable: true }))
      : createPublicKey(pem).export({ format: 'jwk' })),
  };
  await t.check(`${name} jwk_private${via}`, async () => {
    await sameKey(c.jwk_private, true, 'jwk_private');
    const back = await load.jwk(c.jwk_private, true);
    expect(back.crv === c.crv, `crv ${back.crv}`);
    await sameKey(back, true, 're-export');
  });
  if (c.jwk_public) {
    await t.check(`${name} jwk_public${via}`, async () => {
      expect(!('d' in c.jwk_public), 'public JWK has d');
      await sameKey(c.jwk_public, false, 'jwk_public');
      await sameKey(await load.jwk(c.jwk_public, false), false, 're-export');
    });
  }
  if (c.pem_pkcs8) await t.check(`${name} pem_pkcs8${via}`, async () => sameKey(await load.pem_pkcs8(c.pem_pkcs8), true, 'pem_pkcs8'));
  if (c.pem_spki) await t.check(`${name} pem_spki${via}`, async () => sameKey(await load.pem_spki(c.pem_spki), false, 'pem_spki'));
  for (const f of ['pem_pkcs8_encrypted', 'pem_sec1']) {
    if (!c[f]) continue;
    await t.check(`${name} ${f} (node:crypto)`, async () => {
      const opts = { key: c[f], format: 'pem' };
      if (f === 'pem_pkcs8_encrypted') opts.passphrase = c.password;
      await sameKey(createPrivateKey(opts).export({ format: 'jwk' }), true, f);
    });
  }
}

// ---------------------------------------------------------------------------------------

async function jwsVerify(token, jwk, alg) {
  const key = await importKey(jwk, alg);
  const opts = { algorithms: [alg] };
  if (!token.trimStart().startsWith('{')) return (await jose.compactVerify(token, key, opts)).payload;
  const obj = JSON.parse(token);
  return (obj.signatures ? await jose.generalVerify(obj, key, opts) : await jose.flattenedVerify(obj, key, opts)).payload;
}

async function checkJwsCase(c, t, tag) {
  const name = `${tag}/${c.name}`;
  const payload = b64d(c.payload_b64u);
  if (c.kind === 'general_multi') {
    for (const s of c.signers) {
      if (!joseSigns(s.alg, s.jwk_public)) { t.skip(`${name} ${s.alg}`, `jose lacks ${s.alg} ${s.jwk_public.crv ?? ''}`); continue; }
      await t.check(`${name} json_general ${s.alg}`, async () => {
        expect(eqBytes(await jwsVerify(c.json_general, s.jwk_public, s.alg), payload), 'payload differs');
      });
    }
    return;
  }
  if (!joseSigns(c.alg, c.jwk_public)) { t.skip(name, `jose lacks ${c.alg} ${c.jwk_public.crv ?? ''}`); return; }
  for (const f of ['compact', 'json_flattened', 'json_general']) {
    if (!c[f]) continue;
    await t.check(`${name} ${f}`, async () => {
      expect(eqBytes(await jwsVerify(c[f], c.jwk_public, c.alg), payload), 'payload differs');
    });
  }
}

// ---------------------------------------------------------------------------------------

async function jweDecrypt(token, jwk, alg, enc) {
  const key = await importKey(jwk, alg);
  const opts = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
  if (!token.trimStart().startsWith('{')) return jose.compactDecrypt(token, key, opts);
  const obj = JSON.parse(token);
  return obj.recipients ? jose.generalDecrypt(obj, key, opts) : jose.flattenedDecrypt(obj, key, opts);
}

async function checkJweCase(c, t, tag) {
  const name = `${tag}/${c.name}`;
  const plaintext = b64d(c.plaintext_b64u);
  if (c.kind === 'general_multi') {
    for (const r of c.recipients) {
      if (!JOSE_KW.has(r.alg)) { t.skip(`${name} ${r.alg}`, `jose lacks ${r.alg}`); continue; }
      await t.check(`${name} json_general ${r.alg}`, async () => {
        expect(eqBytes((await jweDecrypt(c.json_general, r.jwk, r.alg, c.enc)).plaintext, plaintext), 'plaintext differs');
      });
    }
    return;
  }
  if (!JOSE_KW.has(c.alg)) { t.skip(name, `jose lacks ${c.alg}`); return; }
  for (const f of ['compact', 'json_flattened', 'json_general']) {
    if (!c[f]) continue;
    await t.check(`${name} ${f}`, async () => {
      const r = await jweDecrypt(c[f], c.jwk, c.alg, c.enc);
      expect(eqBytes(r.plaintext, plaintext), 'plaintext differs');
      if (c.aad_b64u) expect(r.additionalAuthenticatedData && eqBytes(r.additionalAuthenticatedData, b64d(c.aad_b64u)), 'aad differs');
      if (c.zip) expect(r.protectedHeader?.zip === c.zip, 'zip not in the protected header');
    });
  }
}

// ---------------------------------------------------------------------------------------

async function verifySignedJwt(token, c) {
  const { payload, protectedHeader } = await jose.jwtVerify(token, await importKey(c.verify_jwk, c.sign_alg),
    { algorithms: [c.sign_alg], issuer: c.claims.iss, audience: c.claims.aud });
  expect(protectedHeader.alg === c.sign_alg, 'alg');
  expect(sameJson(payload, c.claims), 'claims differ');
}

async function checkJwtCase(c, t, tag) {
  const name = `${tag}/${c.name}`;
  const kind = c.kind ?? 'nested';
  if (kind !== 'encrypted' && !joseSigns(c.sign_alg, c.verify_jwk)) {
    t.skip(name, `jose lacks ${c.sign_alg} ${c.verify_jwk.crv ?? ''}`);
    return;
  }
  if (kind === 'signed') {
    await t.check(`${name} jose`, () => verifySignedJwt(c.token, c));
    return;
  }
  if (!JOSE_KW.has(c.enc_alg)) { t.skip(name, `jose lacks ${c.enc_alg}`); return; }
  const key = () => importKey(c.enc_jwk, c.enc_alg);
  const opts = { keyManagementAlgorithms: [c.enc_alg], contentEncryptionAlgorithms: [c.enc] };
  await t.check(`${name} jose`, async () => {
    if (kind === 'nested') {
      const { plaintext, protectedHeader } = await jose.compactDecrypt(c.token, await key(), opts);
      expect(protectedHeader.cty?.toUpperCase() === 'JWT', `outer cty is ${protectedHeader.cty}`);
      expect(protectedHeader.enc === c.enc && protectedHeader.alg === c.enc_alg, 'header alg/enc');
      await verifySignedJwt(td.decode(plaintext), c);
    } else {
      const { payload } = await jose.jwtDecrypt(c.token, await key(),
        { ...opts, issuer: c.claims.iss, audience: c.claims.aud });
      expect(sameJson(payload, c.claims), 'claims differ');
    }
  });
}

const CHECKERS = { 'keys.json': checkKeyCase, 'jws.json': checkJwsCase, 'jwe.json': checkJweCase, 'jwt.json': checkJwtCase };

async function main(dirs) {
  if (dirs.length === 0) {
    console.error('usage: node peers_read_jwcrypt.mjs DIR [DIR ...]');
    return 2;
  }
  const total = new Tally();
  for (const d of dirs) {
    let found = false;
    for (const [fname, fn] of Object.entries(CHECKERS)) {
      const path = join(d, fname);
      if (!existsSync(path)) continue;
      found = true;
      const tag = `${basename(normalize(d))}/${fname.slice(0, -5)}`;
      const t = new Tally();
      let doc = { cases: [] };
      try {
        doc = JSON.parse(readFileSync(path, 'utf8'));
        expect(Array.isArray(doc.cases), 'no cases array');
      } catch (e) {
        t.failed += 1;
        console.log(`FAIL ${path}: cannot read: ${e.message}`);
        doc = { cases: [] };
      }
      for (const c of doc.cases) await fn(c, t, tag);
      console.log(`node[jose ${joseVersion}] ${tag} (${doc.generator ?? '?'}): ${t.passed} passed, ${t.failed} failed, ${t.skipped.length} skipped`);
      total.passed += t.passed;
      total.failed += t.failed;
      total.skipped.push(...t.skipped);
    }
    if (!found) {
      total.failed += 1;
      console.log(`FAIL ${d}: no fixture files found`);
    }
  }
  for (const s of total.skipped) console.log(`skipped: ${s}`);
  console.log(`interop: ${total.passed} passed, ${total.failed} failed`);
  return total.failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
