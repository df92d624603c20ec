// bench/peers-typst.mjs — render policyexport's JSON output with Typst, for
// bench/peers-pdfa.sh.
//
// Usage: node bench/peers-typst.mjs DOC.json OUT.pdf STANDARD FONTDIR
//
// DOC.json is `policyexport render -f json` output. It is turned into an
// equivalent Typst document (headings, paragraphs, lists, strong and
// emphasised text, code, links; anything else as its plain text), and
// compiled with the prebuilt compiler of the npm package
// @myriaddreamin/typst-ts-node-compiler, found under $TYPST_PREFIX
// (default /tmp/typst), with pdfStandard STANDARD ("a-3b", "ua-1") and the
// fonts of FONTDIR only. The .typ source is written beside OUT.pdf.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [docPath, outPath, standard, fontDir] = process.argv.slice(2);
if (!fontDir) {
  console.error("usage: node bench/peers-typst.mjs DOC.json OUT.pdf STANDARD FONTDIR");
  process.exit(2);
}
const prefix = process.env.TYPST_PREFIX || "/tmp/typst";
const require = createRequire(join(prefix, "node_modules", "x.js"));
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");

const doc = JSON.parse(readFileSync(docPath, "utf8"));

// esc makes text literal in Typst markup.
const esc = (s) => s.replace(/[\\#*_`$<>@=\-+/\[\]~"']/g, (c) => "\\" + c);
const str = (s) => JSON.stringify(s);

function inlines(list = []) {
  return list.map(inline).join("");
}

function inline(n) {
  switch (n.type) {
    case "text":
      return esc(n.text);
    case "strong":
      return "#strong[" + inlines(n.inlines) + "]";
    case "emphasis":
    case "emph":
      return "#emph[" + inlines(n.inlines) + "]";
    case "code":
      return "#raw(" + str(n.text) + ")";
    case "link":
      return "#link(" + str(n.url || n.destination || "") + ")[" + inlines(n.inlines) + "]";
    case "softBreak":
      return " ";
    case "lineBreak":
      return "#linebreak()";
    default:
      return n.inlines ? inlines(n.inlines) : esc(n.text || "");
  }
}

function blocks(list = [], indent = "") {
  return list.map((b) => block(b, indent)).join("");
}

function block(b, indent) {
  switch (b.type) {
    case "heading":
      return indent + "=".repeat(b.level) + " " + inlines(b.inlines) + "\n\n";
    case "paragraph":
      return indent + inlines(b.inlines) + "\n\n";
    case "list": {
      const mark = b.ordered ? "+" : "-";
      return (
        (b.items || b.blocks || [])
          .map((item) => {
            const body = blocks(item.blocks, indent + "  ").trimStart();
            return indent + mark + " " + body.replace(/\n\n$/, "\n");
          })
          .join("") + "\n"
      );
    }
    default:
      return b.inlines ? indent + inlines(b.inlines) + "\n\n" : blocks(b.blocks, indent);
  }
}

const meta = doc.meta || {};
const source =
  `#set document(title: ${str(meta.title || "")}, date: datetime(year: 2026, month: 11, day: 28))\n` +
  `#set text(font: "DejaVu Serif", size: 10.5pt, lang: ${str((meta.lang || "en").split("-")[0])})\n` +
  `#set page(paper: "a4", margin: 20mm, numbering: "1")\n` +
  `#show heading: set text(font: "DejaVu Sans")\n` +
  `#show raw: set text(font: "DejaVu Sans Mono")\n\n` +
  blocks(doc.blocks);
writeFileSync(outPath.replace(/\.pdf$/, ".typ"), source);

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
const result = compiler.compile({ mainFileContent: source });
if (result.error) {
  console.error(compiler.fetchDiagnostics(result.error));
  process.exit(1);
}
writeFileSync(outPath, compiler.pdf(result.result, { pdfStandard: standard, creationTimestamp: 1795824000 }));
