// Trunk post-build hook (Trunk.toml [[hooks]]): writes `<file>.gz` (gzip -9) and `<file>.br` (brotli 11) beside
// every text or wasm file of the build, for hosts that send pre-compressed files as they are: nginx
// `gzip_static on` (e2e/deploy/nginx), Caddy `file_server { precompressed br gzip }`, and others. Compressing once
// at build time lets a host use the highest levels, which on-the-fly compression never does. A file is skipped
// when compressing does not make it smaller. Node's own zlib does both: no extra tool to install.
//
// Usage: node e2e/deploy/precompress.mjs [dir]   (default: $TRUNK_STAGING_DIR, as trunk sets it for hooks)
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: no folder given and TRUNK_STAGING_DIR is not set');
  process.exit(1);
}
const COMPRESSIBLE = /\.(wasm|js|css|html|svg|json|txt)$/;

function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(name)) yield path;
  }
}

for (const path of files(dir)) {
  const raw = readFileSync(path);
  const variants = [
    ['.gz', gzipSync(raw, { level: 9 })],
    [
      '.br',
      brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
    ],
  ];
  for (const [suffix, packed] of variants) {
    if (packed.length < raw.length) writeFileSync(path + suffix, packed);
  }
}
