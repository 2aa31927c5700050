// Regenerates the shared inputs (run once; the outputs are committed so every
// run of every peer uses identical keys). Needs only Node's standard library
// and the openssl command.
//   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pem
//   openssl pkey -in rsa2048.pem -pubout -out rsa2048.pub.pem
//   for c in p256:P-256 p384:P-384 p521:P-521; do
//     openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:${c#*:} -out ec-${c%%:*}.pem
//     openssl pkey -in ec-${c%%:*}.pem -pubout -out ec-${c%%:*}.pub.pem
//   done
//   for k in ed25519 x25519; do
//     openssl genpkey -algorithm $k -out $k.pem && openssl pkey -in $k.pem -pubout -out $k.pub.pem
//   done
//   node make-data.mjs            # everything below; existing files are kept
//   node make-data.mjs --force    # and remake the oct keys, the password and the payload
import { createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const force = process.argv.includes('--force');
// Random outputs are written only when missing (or with --force); the JWKs of the PEM keys
// are derived from them, so they are always rewritten.
const fresh = (name, make) => {
  if (force || !existsSync(name)) writeFileSync(name, make());
};

const oct = (alg) => () => JSON.stringify({ kty: 'oct', alg, k: randomBytes(32).toString('base64url') }) + '\n';
fresh('hs256.jwk.json', oct('HS256'));
fresh('a256kw.jwk.json', oct('A256KW'));
fresh('dir-a256gcm.jwk.json', oct('dir'));
// The PBES2 password: 24 printable characters, no trailing newline.
fresh('pbes2-password.txt', () => randomBytes(18).toString('base64url'));

// Private JWKs of the PEM keys (no "alg" or "use": each key serves every algorithm of its
// curve, as the RSA key does; ec-p256 signs ES256 and is the ECDH-ES P-256 recipient).
for (const name of ['rsa2048', 'ec-p256', 'ec-p384', 'ec-p521', 'ed25519', 'x25519']) {
  const jwk = createPrivateKey(readFileSync(`${name}.pem`)).export({ format: 'jwk' });
  writeFileSync(`${name}.jwk.json`, JSON.stringify(jwk) + '\n');
}

// 4 KiB of printable, non-repeating-looking bytes; the 1 MiB payload is this block repeated 256 times.
fresh('payload-4k.bin', () => {
  const block = Buffer.alloc(4096);
  let x = 0x12345678;
  for (let i = 0; i < block.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    block[i] = 0x21 + ((x >>> 16) % 94);
  }
  return block;
});
