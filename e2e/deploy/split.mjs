// Trunk post-build hook (Trunk.toml [[hooks]], before precompress.mjs): splits the app's wasm into a main module
// and modules loaded on demand, one per `#[wasm_split]` point (src/pages/split.rs,
// src/components/trades/on_demand.rs, src/charts/configurator_part.rs) plus the chunks two or more of them share,
// so a page nobody opens is never downloaded (issue 10).
//
// trunk 0.21 cannot split (trunk issue 1022), so this redoes its last steps on cargo's own output:
//   1. wasm-split-cli (crates.io wasm_split_cli_support, the splitter Leptos's `#[lazy]` uses) cuts cargo's wasm.
//      It needs the linker's relocations: `-Clink-args=--emit-relocs` in .cargo/config.toml.
//   2. wasm-bindgen, on the main module only, keeping the exports the chunks link against (--keep-lld-exports).
//   3. wasm-opt -Oz on every module (release builds; index.html asks trunk for none, so it runs once).
// Then it replaces trunk's script and wasm (same names), gives the loader and the chunks content-hashed names,
// and writes the new files' hashes into index.html's integrity attributes.
//
// Usage: node e2e/deploy/split.mjs   (trunk sets TRUNK_STAGING_DIR, TRUNK_PROFILE and TRUNK_SOURCE_DIR)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
const release = process.env.TRUNK_PROFILE === 'release';
if (!staging) {
  console.error('split: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
const targetDir = process.env.CARGO_TARGET_DIR || join(source, 'target');
const raw = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'freqboard.wasm');
// Installed by e2e/setup.sh into ~/.cargo/bin, beside trunk and wasm-bindgen.
const splitter = 'wasm-split-cli';

const script = readdirSync(staging).find((name) => /^freqboard-[0-9a-f]+\.js$/.test(name));
if (!script) {
  console.error(`split: no freqboard-<hash>.js in ${staging}`);
  process.exit(1);
}
const stem = script.slice(0, -'.js'.length);
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const run = (cmd, args) => {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    if (error.code === 'ENOENT') {
      console.error(`split: ${cmd} is not installed (bash e2e/setup.sh installs it)`);
      process.exit(1);
    }
    throw error;
  }
};

const work = mkdtempSync(join(tmpdir(), 'freqboard-split-'));
try {
  run(splitter, [raw, work, '--out-name', stem, '--target', 'web']);
  const bound = join(work, 'bound');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', bound, '--out-name', stem, join(work, `${stem}.wasm`)]);
  const optimize = (from, to) => {
    if (release) run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', from, '-o', to]);
    else copyFileSync(from, to);
  };

  // The loader names each chunk by a relative URL (resolved against its own): renamed to content-hashed names.
  let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  const chunks = readdirSync(work).filter((name) => name.endsWith('.wasm') && name !== `${stem}.wasm`);
  for (const chunk of chunks) {
    const tmp = join(work, `opt-${chunk}`);
    optimize(join(work, chunk), tmp);
    const bytes = readFileSync(tmp);
    const named = `${stem}-${chunk.slice(0, -'.wasm'.length)}-${hash(bytes)}.wasm`;
    writeFileSync(join(staging, named), bytes);
    loader = loader.split(`"./${chunk}"`).join(`"./${named}"`);
  }
  // Like wasm-bindgen's own loader, accept a host that sends .wasm without its MIME type (application/wasm), which
  // instantiateStreaming refuses: such a module is compiled from its bytes instead.
  const streaming = 'WebAssembly.instantiateStreaming(src, imports)';
  if (!loader.includes(streaming)) throw new Error(`split: the loader no longer calls ${streaming}`);
  loader = loader.split(streaming).join('instantiateModule(src, imports)');
  loader += `
async function instantiateModule(src, imports) {
    const response = await src;
    if (!response.ok) throw new Error(\`\${response.url}: HTTP \${response.status}\`);
    if ((response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;
  const loaderName = `${stem}-split-${hash(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);

  // Only the import statements change: the wasm names its imports' module "./__wasm_split.js", and the glue's
  // import object keeps that key.
  const js = readFileSync(join(bound, `${stem}.js`), 'utf8').split(' from "./__wasm_split.js"').join(` from "./${loaderName}"`);
  writeFileSync(join(staging, script), js);
  optimize(join(bound, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`));

  // trunk wrote integrity hashes of its own files into index.html; the browser refuses files that differ.
  const sri = (name) => `sha384-${createHash('sha384').update(readFileSync(join(staging, name))).digest('base64')}`;
  let html = readFileSync(join(staging, 'index.html'), 'utf8');
  for (const name of [script, `${stem}_bg.wasm`]) {
    html = html.replace(new RegExp(`(href="\\./${name}"[^>]*integrity=")[^"]*"`), `$1${sri(name)}"`);
  }
  // The service worker (src/boot/sw.js) keeps the files index.html names, for the app to open offline: the
  // modules are named by links the browser itself ignores (an unknown rel fetches nothing).
  const modules = [loaderName, ...readdirSync(staging).filter((name) => name.startsWith(`${stem}-`) && name.endsWith('.wasm'))];
  const links = modules.map((name) => `<link rel="freqboard-module" href="./${name}">`).join('\n    ');
  html = html.replace('</head>', `  ${links}\n  </head>`);
  writeFileSync(join(staging, 'index.html'), html);
  console.log(`split: ${chunks.length} modules beside ${stem}_bg.wasm`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
