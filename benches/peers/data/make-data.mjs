// Regenerates the shared inputs (run once; the outputs are committed so every
// run of every peer uses identical keys). Needs only Node's standard library
// and the openssl command.
//   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pem
//   openssl pkey -in rsa2048.pem -pubout -out rsa2048.pub.pem
//   node make-data.mjs
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const oct = (alg) => JSON.stringify({ kty: 'oct', alg, k: randomBytes(32).toString('base64url') }) + '\n';
writeFileSync('hs256.jwk.json', oct('HS256'));
writeFileSync('a256kw.jwk.json', oct('A256KW'));
writeFileSync('dir-a256gcm.jwk.json', oct('dir'));

const rsa = createPrivateKey(readFileSync('rsa2048.pem')).export({ format: 'jwk' });
writeFileSync('rsa2048.jwk.json', JSON.stringify(rsa) + '\n');

// 4 KiB of printable, non-repeating-looking bytes; the 1 MiB payload is this block repeated 256 times.
const block = Buffer.alloc(4096);
let x = 0x12345678;
for (let i = 0; i < block.length; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  block[i] = 0x21 + ((x >>> 16) % 94);
}
writeFileSync('payload-4k.bin', block);
