// typst-rate.js: Typst's warm one-thread PDF rate on the seed, for
// bench/run.sh. It converts the seed's Markdown (headings, paragraphs,
// bullet lists, **strong**: all the seed uses) to an equivalent Typst
// source, compiles it WARM times to warm the compiler, then N times in the
// same process, each document with its own site name and address (as in
// the batch manifests), and prints one JSON line.
//
//   node typst-rate.js MODULE_DIR SEED.md OUT.typ N [WARM [MODE]]
//
// MODE says what Typst may reuse from the document before:
//   scratch      (the default) each document is compiled from scratch: the
//                compiler's memo cache is cleared after each PDF
//                (evictCache(0)), so fonts and the standard library stay
//                loaded but no layout is reused. This is what a batch of
//                different documents costs, and what policyexport's batch
//                does: it reuses nothing from one document to the next.
//   incremental  the memo cache is kept, as in `typst watch`: a paragraph
//                that does not contain the site name or address is laid
//                out once and reused by every later document. Measured so
//                that RESULTS.md can show both.
//
// MODULE_DIR holds node_modules/@myriaddreamin/typst-ts-node-compiler
// (npm install --prefix MODULE_DIR). Run it with RAYON_NUM_THREADS=1 and
// taskset -c 0 for one thread on one core. The PDFs are Typst 0.14's
// defaults: tagged, A4, Typst's embedded fonts.
'use strict';
const fs = require('fs');
const path = require('path');

const [moduleDir, seedPath, typPath, nArg, warmArg, modeArg] = process.argv.slice(2);
const { NodeCompiler } = require(path.join(moduleDir, 'node_modules/@myriaddreamin/typst-ts-node-compiler'));
const n = Number(nArg || 50);
const warm = Number(warmArg || 3);
const mode = modeArg || 'scratch';
if (mode !== 'scratch' && mode !== 'incremental') throw new Error(`typst-rate.js: mode ${mode}: want scratch or incremental`);

// escape makes Markdown text literal Typst markup.
function escape(s) {
  return s.replace(/[\\#$*_`<>@\[\]~\/=]/g, (c) => '\\' + c);
}

// inline converts one line of Markdown text: **strong** becomes *strong*.
function inline(s) {
  return s.split('**').map((part, i) => (i % 2 ? '*' + escape(part) + '*' : escape(part))).join('');
}

function toTypst(md) {
  const out = [
    '#set document(title: [Privacy Policy])',
    '#set page(paper: "a4", margin: (left: 25mm, right: 25mm, top: 20mm, bottom: 25mm),',
    '  footer: context align(center)[Privacy Policy #h(1fr) Page #counter(page).display() of #counter(page).final().first()])',
    '#set text(lang: "en", size: 10.5pt)',
    '#set par(spacing: 0.9em)',
    '',
  ];
  for (const line of md.split('\n')) {
    const h = /^(#{1,6}) (.*)$/.exec(line);
    const li = /^- (.*)$/.exec(line);
    if (h) out.push('='.repeat(h[1].length) + ' ' + inline(h[2]));
    else if (li) out.push('- ' + inline(li[1]));
    else out.push(inline(line));
  }
  return out.join('\n') + '\n';
}

function fill(md, i) {
  return md
    .replaceAll('{siteName}', `Site ${i} Ltd`)
    .replaceAll('{email}', `privacy@site${i}.example`)
    .replaceAll('{lastUpdated}', '2026-11-28');
}

const seed = fs.readFileSync(seedPath, 'utf8');
fs.writeFileSync(typPath, toTypst(fill(seed, 0)));
const compiler = NodeCompiler.create({ workspace: path.dirname(typPath) });
let bytes = 0;
function one(i) {
  const pdf = compiler.pdf({ mainFileContent: toTypst(fill(seed, i)) });
  if (!pdf || pdf.length === 0) throw new Error('typst produced no PDF');
  bytes = pdf.length;
  if (mode === 'scratch') compiler.evictCache(0);
  if (i === 1) fs.writeFileSync(typPath.replace(/\.typ$/, '.pdf'), pdf);
}
for (let i = 1; i <= warm; i++) one(i);
const t0 = process.hrtime.bigint();
for (let i = 1; i <= n; i++) one(warm + i);
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ mode, documents: n, seconds: s, rate: n / s, pdf_bytes: bytes }));
