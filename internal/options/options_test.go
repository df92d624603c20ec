package options

import "testing"

// TestCommandWording: each library message that names an option is the
// command's message, flag for option, byte for byte (the command's
// messages are those the testscripts pin).
func TestCommandWording(t *testing.T) {
	for _, c := range []struct{ lib, cmd string }{
		{`12:1: image "x.png": no such file (set Options.MissingImagesAlt to write the alt text instead)`,
			`12:1: image "x.png": no such file (use --missing-images=alt to write the alt text instead)`},
		{"the PDF would have more than 1 pages (the limit; raise it with Options.MaxPages)",
			"the PDF would have more than 1 pages (the limit; raise it with --max-pages)"},
		{"character U+9690 (隐) is in no font; add a font that has it to Options.Fonts",
			"character U+9690 (隐) is in no font; add a font that has it with --font FILE.ttf"},
		{"no bold face has its characters (a bold font in Options.Fonts that has them would draw it)",
			"no bold face has its characters (a bold --font that has them would draw it)"},
		{`5:1: Options.PDFStandard ua-1: image "logo.png" has no alt text`, `5:1: --pdf-standard ua-1: image "logo.png" has no alt text`},
		{`remove the alpha channel or set Options.PDFStandard to "a-2b"`, "remove the alpha channel or use --pdf-standard a-2b"},
		{`(…); set Options.PDFStandard to "a-3b" (or "a-3u"), whose`, "(…); use --pdf-standard a-3b (or a-3u), whose"},
		{`template a.md: Options.BaseURL "x": bad`, `template a.md: --base-url "x": bad`},
		{"(the limit; Options.MaxDepth raises it) (Options.MaxCost raises it) (Options.MaxBytes raises it)",
			"(the limit; --max-depth raises it) (--max-cost raises it) (--max-size raises it)"},
		{"raise the limit with Options.MaxBytes, or leave out Options.EmbedImages", "raise the limit with --max-size, or leave out --embed-images"},
		{"a.md:3:9: raw HTML dropped from PDF (" + UnsafeHTMLName + " keeps it in HTML)", "a.md:3:9: raw HTML dropped from PDF (--unsafe-html keeps it in HTML)"},
		{"or set Options.PDFLinks to inline or none", "or choose --pdf-links inline or none"},
		{"with Options.Footer or Options.NoFooter, or leave out Options.TOC: Options.NoTitleBlock", "with --footer or --no-footer, or leave out --toc: --no-title-block"},
		{"Options.Lang de is for templates", "--lang de is for templates"},
		{"no option named here", "no option named here"},
	} {
		if got := CommandWording(c.lib); got != c.cmd {
			t.Errorf("CommandWording(%q)\n got %q\nwant %q", c.lib, got, c.cmd)
		}
	}
}
