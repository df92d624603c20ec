package txt

import (
	"path/filepath"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/golden"
)

// everything is a hand-built document that uses every node kind, with
// lists nested three levels deep and a table wider than 72 columns.
func everything() *ast.Document {
	em, strong, task := asttest.Em, asttest.Strong, asttest.Task
	return &ast.Document{
		Meta: ast.Meta{Title: "Privacy Policy", Lang: "en"},
		Blocks: []ast.Block{
			head(1, tx("Privacy Policy")),
			para(strong(tx("Last updated: 28 November 2026"))),
			head(2, tx("Introduction")),
			para(tx("Welcome to "), em(tx("Acme Cloud")), tx(", a service run by Acme Ltd."),
				&ast.SoftBreak{}, tx("This policy explains what we collect, why we collect it and how you can "),
				link("https://acme.example/account/privacy", tx("manage your settings")),
				tx(". It replaces the "), &ast.Strikethrough{Inlines: []ast.Inline{tx("2019 notice")}},
				tx(" in full."), &ast.FootnoteRef{Index: 1, Label: "replaces"}),
			para(tx("Questions go to "), link("mailto:privacy@acme.example", tx("privacy@acme.example")),
				tx(" or to our office:"), &ast.HardBreak{}, tx("Acme Ltd, 1 Example Street"),
				&ast.HardBreak{}, tx("Springfield"), &ast.RawHTML{Text: "<br>"}),
			&ast.HTMLBlock{Text: "<!-- reviewed by legal -->\n"},
			para(tx("We keep data for "), &ast.Change{Kind: ast.Deleted, Inlines: []ast.Inline{tx("five")}}, tx(" "),
				&ast.Change{Kind: ast.Inserted, Inlines: []ast.Inline{tx("three")}}, tx(" years, "),
				&ast.Change{Kind: ast.Reformatted, Inlines: []ast.Inline{strong(tx("then delete it"))}}, tx(".")),
			head(2, tx("1. Information we collect")),
			head(3, tx("1.1 Information you give us")),
			bullets(true,
				item(para(strong(tx("Account data:")), tx(" your name, email address and password, which we store only as a salted hash")),
					bullets(true,
						item(para(tx("Required for every account"))),
						item(para(tx("Optional profile fields:")),
							bullets(true,
								item(para(tx("a display name"))),
								item(para(tx("an avatar "), &ast.Image{Destination: "https://acme.example/img/avatar.png", Alt: "example avatar"})),
							)),
					)),
				item(para(tx("Payment data, handled by our processor "), link("https://payments.example/", tx("PayExample")), tx("."))),
			),
			head(3, tx("1.2 Information we collect automatically")),
			para(tx("Our servers log the "), &ast.Code{Text: "User-Agent"}, tx(" header and your IP address, for example:")),
			&ast.CodeBlock{Language: "text", Text: "203.0.113.7 - - [28/Nov/2026:10:00:00 +0000] \"GET /account HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"\n\tcontinued after a tab\n"},
			head(2, tx("2. How long we keep it")),
			&ast.Table{
				Align:  []ast.Alignment{ast.AlignLeft, ast.AlignCenter, ast.AlignRight, ast.AlignNone},
				Header: textCells("Category of personal data", "Legal basis", "Retention period", "Notes"),
				Rows: [][]*ast.TableCell{
					textCells("Account data (name, email address, password hash)", "Contract, Art. 6(1)(b) GDPR", "Life of the account plus 30 days", "Deleted on request"),
					{cell(tx("Server logs")), cell(tx("Legitimate interest")), cell(tx("14 days")), cell(tx("See "), link("https://acme.example/security", tx("security")))},
					textCells("Payment records", "Legal obligation", "10 years", ""),
				},
			},
			head(2, tx("3. Your rights")),
			ordered(1, false,
				item(para(tx("Access: ask for a copy of your data."))),
				item(para(tx("Rectification: have wrong data corrected.")), para(tx("We answer within one month."))),
				item(para(tx("Erasure: have your data deleted, unless the law requires us to keep it."))),
			),
			para(tx("Steps to export your data:")),
			ordered(8, true,
				task(ast.TaskDone, "Sign in."),
				task(ast.TaskDone, "Open Settings."),
				task(ast.TaskOpen, "Choose Export and wait for the email with the download link."),
			),
			quote(
				para(tx("We never sell your personal data. This sentence is long enough to wrap inside the quote.")),
				quote(para(tx("Nested quotes keep their marks on every line, even when they wrap."))),
			),
			&ast.ThematicBreak{},
			head(4, tx("Contact")),
			para(tx("日本語のお問い合わせは、サポートページからお気軽にご連絡ください。担当者が順番に対応いたします。"),
				&ast.FootnoteRef{Index: 2, Label: "ja"}),
			&ast.FootnoteDefinition{Index: 1, Label: "replaces", Blocks: []ast.Block{
				para(tx("The 2019 notice is archived at "), link("https://acme.example/legal/archive/2019/privacy-notice-version-3.pdf", tx("our archive")), tx(".")),
			}},
			&ast.FootnoteDefinition{Index: 2, Label: "ja", Blocks: []ast.Block{
				para(tx("Japanese support is available on working days.")),
			}},
		},
	}
}

// TestGolden renders everything() and compares it with the goldens in
// testdata/; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		opts Options
	}{
		{"everything.txt", Options{}},
		{"everything.inline-40.txt", Options{Width: 40, Links: LinksInline}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d := everything()
			got := render(t, d, tc.opts)
			checkWords(t, d, got)
			golden.Check(t, filepath.Join("testdata", tc.file), []byte(got))
		})
	}
}

// TestEverythingHoldsEveryKind keeps everything's promise: a node kind
// added to the model must be added to it (and to the goldens).
func TestEverythingHoldsEveryKind(t *testing.T) {
	if missing := asttest.MissingKinds(everything()); len(missing) > 0 {
		t.Errorf("everything holds no %v", missing)
	}
}
