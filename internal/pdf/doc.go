// Package pdf is policyexport's PDF backend: it lays out an *ast.Document
// on A4 or US Letter pages and writes it with codeberg.org/go-pdf/fpdf, the
// maintained home of github.com/go-pdf/fpdf. New(Options) makes a
// Renderer, which prepares each font once, when a document first draws
// from it; (*Renderer).Render(w, doc) writes one document as one PDF
// file. A Renderer is safe for concurrent use.
//
// It owns the whole typography: fonts and per-character fallback, line
// breaking of mixed-style text, pagination (keep-with-next, widows and
// orphans, tables that repeat their header), navigation (outline, table of
// contents, internal links), the footer, metadata and byte-identical
// output. Layout happens in two steps: blocks become a vertical list of
// unbreakable units (lines, table rows, images), the units are paginated,
// and only then is anything drawn. Because page numbers are known before
// drawing, the footer's "Page N of M" and the table of contents' page
// numbers are written directly: no placeholder pages and no second pass.
//
// It never reads the clock or the environment, never fetches anything from
// the network, never uses PDF core fonts, and never imports goldmark or
// another backend. A character that no font can draw is an error
// (*GlyphError), never a box or a question mark; so is U+FFFD, which
// stands for lost text (a NUL byte of the template becomes U+FFFD, as
// CommonMark requires), whatever font has it.
//
// # The seam: layout here, fpdf in fpdfout
//
// Only the writer stage, package internal/pdf/fpdfout, talks to fpdf or
// touches the bytes it writes: the fonts as fpdf gets them (8-bit and UTF-8,
// cut per document), the calls that draw, the PDF text strings fpdf would
// garble (UTF-16), and the finishing stage (fpdfout/finish.go) that rewrites
// fpdf's output: page compression, the structure tree and link
// annotations (fpdfout/structtree.go), then the trailer ID. The layout
// files of this package (text.go, layout.go, blocks.go, table.go, image.go,
// toc.go, footer.go, rtl.go, paginate.go, tags.go, links.go) never import
// fpdf; emit.go hands the
// paginated units to a fpdfout.Doc, and pdf.go makes the Renderer's
// fpdfout.Writer in New.
//
// # Library
//
// codeberg.org/go-pdf/fpdf (https://codeberg.org/go-pdf/fpdf) v0.12.0, the maintained
// home of github.com/go-pdf/fpdf (the GitHub repository is archived; its last
// version, v0.9.0, lacks output intents and other fixes). fpdf only draws: the
// layout is ours, because fpdf's MultiCell handles one style per paragraph and
// its Write is quadratic in the length of a UTF-8 string. Text is drawn with
// Text one styled run at a time (the words of a line that share face, size
// and colour and are separated by a plain space are one run).
//
// # How a document is laid out
//
//  1. Inlines → words (text.go). Inline nodes become styled spans; spans
//     become words (unbreakable sequences of runs). Each rune gets the first
//     face that has a glyph: the style's face, the regular serif, the built-in
//     fallbacks (Noto Naskh Arabic, DejaVu Sans), then Options.Fonts in order.
//     A rune no face has is a *GlyphError with the position of the text
//     that holds it; the library, which has the template's source, moves
//     it to the rune itself (template.RunePos).
//     Runs of Devanagari, Bengali, Gujarati, Tamil, Telugu and Thai,
//     Hebrew with points, Arabic with vowel marks (from its
//     presentation forms; a right-to-left word with marks has its
//     glyphs drawn in logical order so that the structure text reads
//     each letter, then its marks), and
//     characters beyond the Basic Multilingual Plane, are shaped
//     (shaping.go, internal/shape: go-text/typesetting's HarfBuzz port)
//     with the face that draws them (after the user's fonts come the
//     built-in Noto Sans faces of those scripts): measured from the
//     shaped advances, cut between clusters, drawn glyph by glyph with
//     private-use codes for glyphs no character reaches
//     (fpdfout/glyphs.go) inside a /Span with /ActualText. Other runs
//     take the fast path (one glyph per character), unchanged. A
//     character of a script that needs shaping but is not shaped yet
//     (script.go: Lao, Tibetan, Mongolian, Syriac, Thaana, …) is a *ShapingError before any
//     face is looked at. Widths come from our own cmap/hmtx reader (ttf/), in the
//     same units and rounding fpdf writes into /W.
//     Dropped on purpose (invisible in a correct rendering): soft hyphen
//     (no hyphenation is done), ZWSP, ZWJ/ZWNJ (but not in shaped text,
//     whose shaper takes them, nor after an Arabic-script character:
//     Arabic shaping has used them, and they stay in the text, drawn as
//     the face's empty glyph of no width where they are read, so that
//     Persian نحوه‌ی is read from the PDF with its ZWNJ), word joiner,
//     BOM, bidi controls (bidi.IsControl: ALM, LRM, RLM, embeddings,
//     isolates) and C0/C1 control characters. Tabs and newlines are spaces (code blocks expand
//     tabs to 4 columns), and so are the space equivalents, in code blocks
//     and the metadata too (ast.IsSpaceEquivalent: vertical tab, form
//     feed, NEL, U+2028, U+2029), as every backend writes them. No-break
//     spaces are kept and do not break.
//  2. Words → lines: greedy breaking; with Justify, inter-word space is
//     stretched on every line but the last. Words end at spaces and where
//     internal/linebreak (UAX #14, shared with the plain-text backend) allows
//     a break without one: beside a wide character, so that Chinese and
//     Japanese break between characters but never before 、。）」 nor after
//     （「 (kinsoku), Korean only at spaces (never inside a word), and after
//     a zero-width space. A word wider than the line
//     is cut after / _ . ? & = # or before a hyphen when possible (URLs,
//     linebreak.CutBetween), else between characters; it starts on the
//     line of the words before it when such a cut fits in the room left
//     there (a third of the line or more). A line never ends in
//     a hyphen, which pdftotext would drop as a typesetter's: a word ending
//     in one ("pre- and post-") moves down, and a cut word is never cut
//     after one; nor at a space that UAX #14 does not break at
//     (linebreak.SpaceJoins: before "!", ":" or ")", after "(" or "«",
//     as French sets them): the word before moves down too, unless the
//     line has no other place to end.
//     Right-to-left: spans are shaped (bidi.ShapeRuns: Arabic presentation
//     forms, in logical order) before measuring, and each finished line is put
//     in visual order with bidi.Pieces (and drawn in logical order: see
//     Tagged PDF). Every paragraph, heading, list item and table cell
//     takes the document's direction (l10n.Lang.RTL: its language's
//     script, the rule the HTML's dir follows), whatever its first word;
//     a right-to-left paragraph is right-aligned. In a right-to-left
//     document what starts a line in the HTML is at the right: list
//     markers, footnote numbers, a block quote's indent and rule, a
//     table's first column. Code blocks stay left to right and at the
//     left, in every document, as Typst and LaTeX (pandoc) set code and
//     a browser shows <pre dir="ltr">: code is read left to right, and
//     "x = 1 # הערה" starts with x. Right-to-left text inside a code
//     line is put in visual order in the line's direction (a comment
//     "# אבג דהו" shows דהו left of אבג) and Arabic joined, as in a
//     paragraph (TestRightToLeftInCodeBlock). Inline code and addresses
//     in a right-to-left line, and a value whose direction is not the
//     document's (ast.Text.Isolate) in a line of either direction, are
//     bidi isolates (rtl.go's isolateOf), as the HTML's <code dir="ltr">
//     and <bdi>: ": 5" after a Hebrew company name in an English line
//     stays after it (TestValueIsolated).
//  3. Blocks → units (layout.go, blocks.go, table.go, image.go,
//     toc.go). Every block becomes unbreakable units (a line, a table row, an
//     image, a rule) with the space above them and a keep flag. The layout
//     keeps a small stack (left edge, decorations such as quote rules and code
//     backgrounds, list marker waiting for its first line).
//  4. Units → pages (paginate.go). A chain of units joined by keep moves
//     to the next page whole when it does not fit but would fit on an empty
//     page: heading + first two lines after it; the first two and last two lines
//     of a paragraph (so a paragraph of 2–3 lines is never split, and a split
//     one leaves at least 2 lines on each page); the last line of a
//     paragraph that ends in a colon and what it announces (a list's first
//     item); a table header and its first
//     row. Space above a unit is dropped at the top of a page. When a table
//     continues on a new page its header row is repeated.
//  5. Pages → PDF (emit.go). Only now is the writer stage (fpdfout), and so
//     fpdf, called. Because page numbers
//     are known, the footer's Page N of M and the table of contents' page
//     numbers are written directly (no alias, no second pass, no placeholder
//     page): a TOC entry's height does not depend on its number, which has a
//     column of its own.
//
// Blocks: headings (sizes 19/15/12.5/11/10.5/10.5 pt, bold, outline entry,
// anchor, kept with what follows); paragraphs (10.5 pt DejaVu Serif, leading
// 1.42); lists (hanging indent, markers right-aligned against the text, bullets
// • ◦ ▪ – by depth, numbers from Start with . or ), ☐/☑ for tasks, any
// depth); block quotes (6 mm indent, grey rule, joined across units on a page);
// code blocks (8.5 pt DejaVu Sans Mono on light grey, long lines wrapped at a
// space when possible, each continuation line starting with a grey ↪, never
// past the margin); thematic breaks (centred rule); tables (see below);
// footnotes (after a short rule at the end, 9 pt, the number links back to the
// first reference; references are superscript links to the note); images
// (local PNG and JPEG, and the first frame of a GIF and WebP converted to PNG,
// told apart by their content, at 96 dpi, scaled to the text width and 85 % of
// the text height, as a block of its own; a missing image or an SVG is an
// error naming its position, or its alt text in italics, in its line, with
// MissingImagesAlt; in a heading or a table cell, laid out word by word,
// every image is its alt text in italics); raw HTML is not rendered (the
// txt backend drops it too).
//
// Images (image.go): JPEG and PNG files go to fpdf as they are, but for
// the PNGs fpdf would draw wrong, which are decoded and encoded again
// in memory (pngFix; the same bytes every time): an interlaced PNG; a
// PNG of 16 bits a sample with an alpha channel or a tRNS colour, whose
// transparency fpdf reads as if samples had 8 bits (it gets 8 bits, the
// high byte of each sample, and a soft mask); any PNG of 16 bits a
// sample under PDF/A-1, whose PDF 1.4 has no 16-bit images (other PDFs
// keep 16); a palette PNG with semi-transparent colours, which fpdf
// draws opaque (it becomes RGBA, with a soft mask as any RGBA PNG); and
// a palette PNG with more than one fully transparent colour, whose
// pixels all take the first, since fpdf's colour key is the first only.
//
// Tables: when all cells fit on one line, columns take their natural width.
// Otherwise the widest columns give way to a common width, no column below
// its longest word (capped at a third of the line: longer words are cut);
// internal/colfit, the rule the plain-text backend follows too.
// Header row shaded and bold, borders on every cell, alignment from the
// Markdown. A row taller than 70 % of the text height is cut between lines.
//
// Links: #id links to a heading of the document jump there; external
// destinations are URI annotations only when safeurl.Allowed; others are
// plain text. Annotations are written by the finishing stage as indirect
// objects, printable (/F 4), with /Contents (the link text, else its
// URL); a link drawn on several lines is an annotation a line, which
// share its /Contents and its URI action, written once. On paper a link's destination stays readable (Options.Links,
// links.go): by default an external link whose text is not its
// destination gets "[n]" and the destinations are listed under "Links" at
// the end, like the plain-text output's list and under the same heading
// in the document's language (l10n.Links: "Liens" in French).
//
// # Tagged PDF (tags.go, fpdfout/structtree.go)
//
// Every PDF is tagged (PDF/UA-1's model): a structure tree built from the
// document model while laying out — Document; H1–H6 (by outline level,
// ast.Outline: the first heading is H1 and levels never skip, so "# A"
// then "### B" tags B as H2, and a "### C" after B H2 too, B's sibling
// as in the HTML; the caller warns about each such heading
// with HeadingWarning, and under ua-1 it is a *StandardError instead,
// ISO 14289-1 §7.4.2); P; L, LI, Lbl, LBody (nested lists inside LBody);
// Table, THead, TBody, TR, TH (/Scope /Column), TD; BlockQuote; Code
// (spans, and a code block as a P holding one Code: Code is
// inline-level, ISO 32000-1 §14.8.4.4); Link (its text's MCIDs, the Figure of an image
// that is its content, and an OBJR per annotation: one covers such an
// image);
// Note (/ID fn-N, in the IDTree) and Reference for footnotes, Reference
// for link notes; TOC and TOCI; Figure with /Alt; Span with /Alt for
// struck-out text and a redline's changes, "[deleted: old clause]" in
// the document's language, said by a screen reader in place of the
// words, which text extraction keeps alone (tags.go says why /Alt and
// not /ActualText or /E; a redline's changed code block has it on its
// Code). Each drawn run of text,
// image and TOC page number is one marked-content sequence with an MCID
// of its page; everything else is an Artifact: rules, borders, code and
// header backgrounds, the ↪ wrap mark, TOC leaders, a table header
// repeated on a new page, and the footer (a pagination artifact). Pages
// get /StructParents and /Tabs /S, the catalog /MarkInfo, /StructTreeRoot
// and /ViewerPreferences <</DisplayDocTitle true>>, the header PDF 1.7
// (fpdf writes 1.3); /Lang is the
// document's (the template package has checked it is BCP 47). An
// element's kids are in the order their content is drawn, which is
// reading order; an element with no content (an empty cell) goes after
// the sibling made before it. In a line that holds right-to-left text
// (rtl.go) each word is one marked-content sequence, its pieces of one
// embedding level (bidi.Pieces) drawn in logical order, and has
// /ActualText, the word as written (not presentation forms, brackets
// unmirrored), unless its glyphs are that already (a Latin word drawn
// whole): "17." ending a Hebrew sentence is drawn ".17" and read "17.".
// Since poppler (pdfinfo -struct-text) ignores /ActualText and reads a
// sequence's glyphs in the order they are drawn, a right-to-left line's
// words are drawn in logical order, and each right-to-left piece one
// grapheme cluster at a time in logical order, each where the whole
// piece would put it (the pages are pixel for pixel the same; a
// position may move by 0.005 pt, fpdf's rounding). A bracket such a
// piece draws mirrored ("(" as the glyph of ")") is drawn with a
// private-use code whose ToUnicode text is the bracket as written
// (fpdfout/glyphs.go). So the structure text is the text as written, in
// reading order (Arabic in presentation forms, which NFKC maps back;
// TestRightToLeftInLogicalOrder, TestNeutralsAndNumbersInLogicalOrder,
// TestMirroredBracketsReadAsWritten). What that costs: pdftotext
// -raw, which keeps drawing order, ends a line at every step to the
// left, so it gives right-to-left text a glyph per line, and poppler's
// word boxes (pdftotext -bbox) are a glyph each; pdftotext's default
// output is unchanged. It honours /ActualText only on a /Span and
// orders a line by its own rules from where the glyphs are, which gave
// a period that ends a right-to-left sentence after a number before the
// number (".17", ".Acme Ltd"): so a word of left-to-right text with
// punctuation that the line puts on its other side has its /ActualText
// on a /Span nested in its sequence (BDC /P <</MCID n>>, then /Span
// <</ActualText (17.)>>, as PDF/UA and PDF/A allow), and its last glyph
// drawn (the period, at its left) is given character spacing (Tc) up to
// the word's right edge, since poppler puts a Span's text from where its
// first glyph drawn starts to where its last one ends, and on a line of
// its own when that runs leftwards; nothing drawn moves
// (TestNeutralsAndNumbersInLogicalOrder). A word with right-to-left
// letters and another level ("ה-GDPR") comes out of pdftotext no better
// with a Span and keeps its /ActualText on its sequence. A
// right-to-left word with marks, Arabic with vowel marks or Hebrew
// with points (shaped: its glyphs drawn in logical order, each letter
// then its marks), is read as written by pdfinfo -struct-text
// (TestRightToLeftMarksInLogicalOrder); pdftotext, which orders a
// line's characters from where they are, gives every letter and mark
// but a mark before its letter (it does so for hb-view's PDF of the
// same words too), and may put the marks of a wide letter, drawn far
// left of its right edge (the final ب of كَتَبَ; the ש of שָׁלוֹם, whose
// points DejaVu Sans draws from the letter's left edge), on a line of
// their own (TestShapedLikeHarfBuzz). Pointed Hebrew drawn in visual
// order came out of pdftotext with most points after their letters,
// but reversed, word by word, in the structure text.
//
// Navigation and metadata: an outline entry per heading (levels clamped so
// they never skip; titles are UTF-16: fpdf converts them itself only when
// the current font is a UTF-8 font, so they are converted before Bookmark
// when an 8-bit font is current); optional TOC (headings of levels 1–3 after the title, dotted
// leaders, page numbers, links, then a page break; in a right-to-left
// document the text at the right and the numbers at the left margin); footer in the embedded
// serif, grey 8.5 pt: title left (shortened with …) and Page N of M right
// in the document's language (package l10n; mirrored in a right-to-left
// document), or FooterText centred. The table of contents' title and the
// link list's heading are in that language too. Info: Title, Author, Subject (or Description),
// Keywords, Creator, Producer (Producer constant), /Lang (en when
// unknown), CreationDate and ModDate from Options.Date in UTC (Unix epoch
// when zero and not given by WithDocument). Attachments via SetAttachments.
//
// Determinism: no clock, no map iteration into output, catalog sort on. A
// trailer /ID [<h><h>] (first 16 bytes of SHA-256 of the file as fpdf wrote
// it and the finishing stage compressed it) is inserted after the
// cross-reference table (fpdfout/finish.go), so no offset changes
// (qpdf --check passes). fpdf writes into the font bytes it is given while
// subsetting (utf8FontFile.getMetrics appends to a slice of its input), so
// each document gets its own copy.
//
// # Fonts: 8-bit where possible, UTF-8 otherwise (fpdfout/cp1252.go, fpdfout/cut.go)
//
// fpdf's UTF-8 fonts cost a lot per document and face: fpdf parses the font,
// JSON-encodes and SHA-1-hashes a 65 536-entry width table (generateFontID),
// subsets the font when it writes the file, and compresses the subset and a
// 128 KB CIDToGIDMap, each with a new zlib writer. An 8-bit TrueType font is
// a small JSON definition and an already compressed font file, which fpdf
// copies into the PDF as they are.
//
// So each body and code face (the four DejaVu Serif faces, DejaVu Sans
// Mono) is cut to its code page 1252 repertoire with fpdf.UTF8CutFont
// (which parses the whole face), and its 8-bit definition is made with
// fpdf.MakeFont, which only works on files. Both are done when the code
// is generated (go generate ./internal/pdf/fpdfout writes the cuts into
// fpdfout/cp1252fonts/ and the definitions into fpdfout/cp1252fonts.json,
// looked up by each face's size and CRC-32; a test checks that
// regenerating gives the same bytes), so rendering cuts no built-in face,
// reads and writes no file, and the binary runs in an empty root with no
// TMPDIR. Only a face missing from that file would be
// made at run time in a temporary directory; rendering then fails naming TMPDIR
// when it cannot write one, rather than fall back to UTF-8 fonts, which
// would change the bytes of every PDF with the environment. The encoding map MakeFont reads is generated
// from golang.org/x/text/encoding/charmap.Windows1252. A document gets,
// per face, that font cut again to exactly the codes it draws, with a subset
// tag in its name (XOJQJA+DejaVuSerif), compressed once and cached in the
// Renderer's fpdfout.Writer by face and code set (at most 256 entries; when full, the font is
// made for the document: same bytes, only slower). fpdf only reads the
// definition and the font file, so cached ones are shared between documents
// and goroutines without copies (the UTF-8 path still copies: fpdf writes
// into those bytes).
//
// The choice is made per drawn run, not per document: a run whose characters
// are all in cp1252 (and in the face) is converted to cp1252 and drawn with
// the face's 8-bit font (/Encoding /WinAnsiEncoding); any other run (a
// nested-list bullet ◦ ▪, a task box ☐ ☑, a code continuation ↪, Greek,
// Polish, Arabic) with the face's UTF-8 font, cut to the Unicode blocks it
// uses. The fallbacks and extra fonts only ever draw characters that the body
// faces lack, so they are always UTF-8. Both fonts of a face hold the same
// glyphs with the same widths (rounded the same way), so the page looks the
// same: TestEightBitLooksLikeUTF8 renders every cp1252 character in every
// face both ways and compares the pages pixel by pixel (pdftoppm, 100 dpi)
// and the extracted text. Two details that test caught: PDF's WinAnsiEncoding
// names code A0 (no-break space) space and AD hyphen, and poppler draws
// them with those glyphs, so a subset that uses A0 also keeps U+0020.
// Text extraction needs no ToUnicode map for the 8-bit fonts (pdffonts shows
// uni no): readers map WinAnsiEncoding codes to Unicode themselves. (Under a
// u level of PDF/A and PDF/UA they get one: see Standards.)
//
// # Standards: --pdf-standard (fpdfout/standard.go, pdfa.go, xmp.go, fonts.go)
//
// Options.Standard names at most one PDF/A level (a-1b, a-2b, a-2u, a-3b,
// a-3u) and PDF/UA-1 (ua-1), parsed by ParseStandard. Its zero value changes
// nothing: the bytes are what they were. With a standard, the finishing
// stage runs one more pass after page compression and before the trailer
// ID (fpdfout.Writer.conform), on the objects fpdf wrote, split at the
// cross-reference table (fpdfout/pdfobj.go) and edited as dictionaries:
//
//   - the header says %PDF-1.4 for PDF/A-1, %PDF-1.7 otherwise; with
//     ua-1, PDF/A-1 keeps the pages' /Tabs (PDF 1.5, which PDF/UA-1
//     requires), and the catalog's /Version /1.7 says so (pdfcpu strict
//     refuses /Tabs in a PDF 1.4 file; Preflight accepts the key);
//   - an XMP metadata stream (unfiltered UTF-8) repeats the Info dictionary
//     (title, author as one dc:creator entry, subject as dc:description,
//     keywords, creator tool, producer, both dates) and names the standard
//     (pdfaid part and conformance; pdfuaid part, declared in a PDF/A
//     extension schema); the Info dates get their time zone (+00'00'), so
//     that they equal the XMP ones;
//   - PDF/A gets an output intent (/S /GTS_PDFA1) with the ICC's
//     sRGB2014.icc (fonts.SRGBProfile: version 2, so PDF/A-1 may use it);
//     link annotations get /F 4; fpdf's empty EmbeddedFiles tree goes;
//   - the outline gets /Count on its root and on every item with children
//     (all open);
//   - fonts: a UTF-8 font (Type0) gets the face's PostScript name with a
//     subset tag made from its font program's bytes, a ToUnicode map of
//     exactly the codes of its subset (fpdf cuts it to the characters drawn
//     with it, and its codes are those characters), replacing fpdf's map of
//     the whole BMP, and for PDF/A-1 a CIDSet of those codes and .notdef;
//     under a u level and PDF/UA the 8-bit fonts get a ToUnicode map of
//     the codes drawn with them (fpdfout.Doc records them while drawing);
//   - attachments under PDF/A-3 become associated files: /F (ASCII) and
//     /UF, /AFRelationship (Attachment.Relationship), the embedded file's
//     /Subtype (Attachment.MIME) and /Params /ModDate and /Size, and the
//     catalog's /AF.
//
// Before that pass, while laying out, PDF/A-1 (PDF 1.4, whose images have
// at most 8 bits a sample) gets a PNG of 16 bits a sample converted to 8
// (see Images).
//
// What a standard forbids is refused as a *StandardError, never written:
// attachments under PDF/A-1 and PDF/A-2 (New), an image without alt text
// under PDF/UA-1 (before its file is read), a heading that skips a
// level or a first heading not of level 1 under PDF/UA-1 (ISO 14289-1
// §7.4.2; without ua-1 it is tagged at its outline level and the caller
// warns: HeadingWarning), a document without a title (ast.Meta.Title)
// under PDF/UA-1 (§7.1: dc:title), a CMYK JPEG under PDF/A, a PNG
// with an alpha channel, semi-transparent palette colours, or 16 bits a
// sample and a tRNS colour, under PDF/A-1. A character no font has is a
// *GlyphError under every standard, as without one. The tagged-PDF half of
// PDF/UA (structure tree, marked content, /MarkInfo) is not part of this
// pass.
//
// # Page compression (fpdfout/compress.go)
//
// fpdf compresses every page content stream with a new zlib writer, which
// allocates and clears about 1 MB before compressing anything. So fpdf
// writes pages uncompressed and compressPages compresses them after
// Output with writers kept in a small free list in the fpdfout.Writer; the
// finishing stage then writes the file with a new cross-reference table.
// At fpdf's level (BestSpeed) the result
// is byte for byte what fpdf's own compression writes
// (TestCompressPagesMatchesFpdf); level 6 saved only 1 KB on the seed for
// 1 ms more. A PNG palette (indexed PNGs) is now stored uncompressed (at most
// 768 bytes).
//
// # Hostile input (issue 5)
//
// Every step is linear in the document and bounded by two limits, so a
// 1 MiB hostile template costs bounded time and memory in this backend:
//
//   - Page limit Options.MaxPages (default DefaultMaxPages, 1000; the
//     CLI flag is --max-pages): a document that needs more pages is a
//     *PageLimitError ("12:1: the PDF would have more than 1000 pages (the
//     limit; raise it with Options.MaxPages)"), naming the block being laid out.
//     No page holds more than its text height of units, so the layout stops
//     as soon as the heights of its units exceed the limit's pages (checked
//     per block, per line and per table row), and tables, lists and code
//     blocks with more rows, items or lines than could fit are refused before
//     anything of them is measured. Pagination checks the exact count.
//   - Drawing limit: the page limit also allows an average of 500 things
//     drawn a page (runs of text, rules, boxes, links; prose has about 60 a
//     page, a wordy table about 350: table text is drawn word by word). More
//     is a *PageLimitError with Items set ("the PDF would draw more than
//     500000 runs of text, rules and boxes (the most that the page limit of
//     1000 allows; raise it with Options.MaxPages)"), found per row, per cell and
//     before a table with more cells than that is measured: a table of
//     thousands of one-letter cells, or a header of long words in narrow
//     columns, fits in few pages but costs in proportion to what it draws.
//     A table header taller than a quarter page is not repeated on each page.
//   - Table width: a table with more columns than fit across the text
//     width at their padding (50 on A4) is a *TableError; its text could not
//     be drawn anyway.
//   - Paragraphs are broken into lines 256 words at a time, from text fed to
//     the word builder 4 KiB at a time (the same lines as breaking them whole:
//     greedy breaking decides each line from its first word), so a paragraph
//     or heading of a megabyte never holds all its words; a line's words are a
//     part of that buffer, not a copy.
//   - The footer measures the title once, cut to 500 characters (a title made
//     of a 1 MiB heading made every page measure a megabyte: quadratic);
//     outline entries are cut to 1000 characters; a custom footer is shortened
//     to the line.
//   - Looking for headings walks blocks only (ast.Walk copies every
//     paragraph's inlines into a slice first).
//
// BenchmarkRenderPathological (pathological_test.go) times Render
// alone on every class of internal/pathological (parsed once, outside the
// timer) and reports pages and PDF size: go test ./internal/pdf -run '^$'
// -bench RenderPathological -benchtime 1x (PATHOLOGICAL_CASE=name and
// PATHOLOGICAL_SIZE=bytes to narrow it). At 1 MiB the slowest render-only
// classes went from 69 s (headings-hashes, the footer), 17 s
// (table-rows-no-pipes, 15 421 pages) and 18 s (setext-underlines,
// 14 564 pages) to well under a second each, on a loaded machine.
// limits_test.go checks that the work stops at the limit (allocation of
// 10 times the document past the limit is about that of the limit alone).
//
// # Performance
//
// Measured with
//
//	go test ./internal/pdf -run '^$' -bench 'Render|New' -benchmem -count 5
//
// on the 2-core machine, which is shared with other jobs (load 3–5 while
// measuring, so single runs vary by ±30 %; the range of 5 runs is given).
// "Before" is commit 2ea3f79 (UTF-8 fonts cut per Unicode block, fpdf's page
// compression), "after" the version that brought the 8-bit fonts and the
// reused compressors:
//
//	benchmark                              ns/op before  ns/op after  B/op before  B/op after  allocs before  allocs after
//	RenderSeed (filled default template,   14.3–17.8 ms  2.1–3.1 ms   15.7 MB      1.37 MB     16 290         7 790
//	  4 pages)
//	Render300KB (generated, ~100 pages,    247–383 ms    109–168 ms   278 MB       65 MB       728 000        403 000
//	  tables)
//	RenderRich (every node kind, Greek,    32–35 ms      12–17 ms     28.7 MB      13.4 MB     12 900         8 500
//	  Cyrillic, Hebrew, nested bullets)
//	New (parse 7 fonts, check fpdf loads   24–32 ms      58–71 ms     16.8 MB      33.2 MB     25 200         62 200
//	  each; now also the 8-bit fonts)
//
// File sizes: seed 56 650 → 41 853 bytes (exact 8-bit subsets, fewer text
// operators); the rich test documents 84 297 → 87 961 and 81 543 → 86 951
// bytes (a face used both ways embeds two subsets).
//
// What was done, in order (seed ns/op in the middle of the noise):
//  1. 8-bit fonts for cp1252 runs: ~17 → ~5 ms, 15.7 → 6.8 MB.
//  2. Page streams compressed with reused writers: ~5 → ~4 ms, 6.8 → 2.3 MB.
//  3. The words of a line drawn as one string where the gap is the plain
//     space of the same face (not with justification, links, strike-through,
//     superscripts, nor at a size that fpdf would round when it writes it:
//     the glyphs after the space would drift): ~4 → ~2.5 ms, 13 700 → 7 900
//     allocations; glyph positions move by at most 0.009 pt (fpdf writes
//     positions to 0.01 pt).
//  4. A free list instead of a sync.Pool for the compressors (a GC emptied
//     the pool), and no copy of a paragraph's words unless one is split.
//
// Profile after (pprof, seed, -benchtime 1500x), by cumulative share:
// layout ~41 % (splitting spans into words ~18 %, placing lines ~10 %, line
// breaking ~7 %), drawing through fpdf ~19 % (Text ~8 %, mostly its
// Sprintf; adding the 8-bit fonts ~6 %), page compression (deflate itself)
// ~13 %, fpdf's Output ~9 %; allocation and GC are spread over these. The
// batch command with all four formats (policyexport batch -j 2, 1 000 seed
// documents, bench/run.sh's manifest) went from ~18 to ~8 ms CPU (user +
// system, with 4 000 fsyncs) per document; --check (no writes) from ~15 to
// ~4.7 ms. On two free cores --check -j 2 did 1 000 documents in 3.6 s
// (~280 documents/s, 193 % CPU); the machine was rarely that free while
// measuring.
//
// --pdf-standard costs little (BenchmarkRenderSeedPDFA, BenchmarkRenderRichPDFA;
// fpdfout's BenchmarkConform times the pass alone): on the loaded 2-core
// machine the fastest of four runs of the seed took 1.31 ms plain, 1.28 ms
// with a-1b, 1.32 ms with a-2u and 1.61 ms with a-3u,ua-1 (the spread of
// the runs, 1.3–4.6 ms, is larger than any difference), with 7–8 % more
// allocations (7 410–7 495 against 6 930) and 8–12 % more bytes; the rich
// document 10.4 against 10.8 ms (fastest runs), 12 % more allocations. The
// pass splits the file into objects once, edits only the catalog, Info,
// outline, pages and fonts, and takes each UTF-8 font's codes from what Doc
// recorded while drawing (decompressing fpdf's 128 KB CIDToGIDMap
// instead was four fifths of the pass).
//
// Since fpdfout's strict pass (outline counts and destinations: pdfcpu's
// strict validation) every file is split into objects, plain ones too:
// measured before tagging, the plain seed made 7 560 allocations against
// 6 944 without the pass (+9 %, and +9 % bytes); its time stayed within
// the noise of the loaded machine. The finishing stage then read fpdf's
// objects with two readers and copied the whole file four times
// (compression, tagging, the standards pass, the trailer /ID); it now
// reads them once into one model and writes the file once (finish.go):
// see BenchmarkTagging for what tagging costs.
//
// Start-up (issue 14): New prepares nothing of a font. A face's metrics
// are parsed, and a body face's 8-bit font taken from the generated
// files (fpdfout/cp1252fonts/ and cp1252fonts.json), when a document
// first draws from the face, under a sync.Once per face in the Writer;
// the built-in fonts are checked by TestBuiltinFontsLoad, not by fpdf
// reading each at every start; fonts.Body and fonts.Fallbacks hand out
// the binary's bytes, not copies. A Latin document therefore pays for
// the faces it uses (the seed: regular and bold) and nothing for the
// fallbacks, however many there are. Whole process, `policyexport render
// -f pdf` of the seed under callgrind (GOMAXPROCS=1): 331.6 million
// instructions before, 160.6 million without the checks of the built-in
// fonts, 137.2 million with faces prepared on first use, 109.8 million
// with the cp1252 cuts generated, 104.4 million once policyexport.New no
// longer parsed the embedded template, 99.7 million with the Hebrew
// points table built from the Hebrew script's characters only (package
// initialisation), 94.6 million with the font subsets' zlib writers
// reused, and 72.1 million with render's GOGC of 400
// (internal/app/gc.go). The same bytes throughout.
//
// Documents with text outside cp1252 still pay fpdf's UTF-8 costs for each
// face that draws such text (about 3–4 ms a face: generateFontID alone is
// ~1.5 ms). Going further there would need either a patched fpdf or 8-bit
// fonts with custom encodings (/Differences), which this version does not
// attempt.
//
// Shaping (shaping.go) costs the Latin seed nothing measurable: runs
// that need no shaper take the old path. Six runs each, interleaved with
// the commit before it on the loaded 2-core machine (benchstat):
// BenchmarkRenderSeed 2.03 ms → 1.93 ms (±45 %, p=0.49: no difference),
// allocations 7 737 → 7 737, bytes +2.9 % (the run and item structs
// carry the shaped glyphs); BenchmarkNew 20.8 → 19.4 ms (p=0.18), bytes
// +8.6 % (the six script faces' metrics; fpdf's check of them and
// their parsing for the shaper wait for a document that draws them).
//
// PEERS.md compares the archival output (--pdf-standard a-1b, a-3b, ua-1)
// with Typst 0.14 and WeasyPrint 57 rendering the same seed in the same
// run: validators, XMP, output intent, fonts, annotation flags, structure
// tree, size. bench/peers-pdfa.sh reruns it.
package pdf
