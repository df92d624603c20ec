package l10n

// table holds every label of every built-in language, by language code
// and Key; read only. Adding a label is adding a Key and one line per
// language; adding a language is adding its code to codes and a map here
// (and its date locale to dateLocales).
//
// The Hindi footer says पेज; the PDF draws it shaped (internal/pdf's
// shaping.go), like all Devanagari.
var table = map[string]map[Key]string{
	"en": {
		PageOf: "Page {page} of {pages}", Contents: "Contents", TableOfContents: "Table of contents",
		Footnotes: "Footnotes", BackToReference: "Back to reference {ref}", Notes: "Notes", Links: "Links",
		Deleted: "deleted", Document: "Document",
	},
	"de": {
		PageOf: "Seite {page} von {pages}", Contents: "Inhalt", TableOfContents: "Inhaltsverzeichnis",
		Footnotes: "Fußnoten", BackToReference: "Zurück zum Verweis {ref}", Notes: "Anmerkungen", Links: "Links",
		Deleted: "gestrichen", Document: "Dokument",
	},
	"fr": {
		PageOf: "Page {page} sur {pages}", Contents: "Sommaire", TableOfContents: "Table des matières",
		Footnotes: "Notes de bas de page", BackToReference: "Retour à la référence {ref}", Notes: "Notes", Links: "Liens",
		Deleted: "supprimé", Document: "Document",
	},
	"es": {
		PageOf: "Página {page} de {pages}", Contents: "Índice", TableOfContents: "Tabla de contenido",
		Footnotes: "Notas al pie", BackToReference: "Volver a la referencia {ref}", Notes: "Notas", Links: "Enlaces",
		Deleted: "eliminado", Document: "Documento",
	},
	"it": {
		PageOf: "Pagina {page} di {pages}", Contents: "Indice", TableOfContents: "Sommario",
		Footnotes: "Note a piè di pagina", BackToReference: "Torna al riferimento {ref}", Notes: "Note", Links: "Link",
		Deleted: "eliminato", Document: "Documento",
	},
	"nl": {
		PageOf: "Pagina {page} van {pages}", Contents: "Inhoud", TableOfContents: "Inhoudsopgave",
		Footnotes: "Voetnoten", BackToReference: "Terug naar verwijzing {ref}", Notes: "Noten", Links: "Links",
		Deleted: "verwijderd", Document: "Document",
	},
	"pt": {
		PageOf: "Página {page} de {pages}", Contents: "Índice", TableOfContents: "Sumário",
		Footnotes: "Notas de rodapé", BackToReference: "Voltar à referência {ref}", Notes: "Notas", Links: "Links",
		Deleted: "excluído", Document: "Documento",
	},
	"pl": {
		PageOf: "Strona {page} z {pages}", Contents: "Spis treści", TableOfContents: "Spis treści",
		Footnotes: "Przypisy", BackToReference: "Powrót do odwołania {ref}", Notes: "Przypisy", Links: "Linki",
		Deleted: "usunięto", Document: "Dokument",
	},
	"sv": {
		PageOf: "Sida {page} av {pages}", Contents: "Innehåll", TableOfContents: "Innehållsförteckning",
		Footnotes: "Fotnoter", BackToReference: "Tillbaka till referens {ref}", Notes: "Noter", Links: "Länkar",
		Deleted: "struket", Document: "Dokument",
	},
	"da": {
		PageOf: "Side {page} af {pages}", Contents: "Indhold", TableOfContents: "Indholdsfortegnelse",
		Footnotes: "Fodnoter", BackToReference: "Tilbage til henvisning {ref}", Notes: "Noter", Links: "Links",
		Deleted: "slettet", Document: "Dokument",
	},
	"ja": {
		PageOf: "{page} / {pages} ページ", Contents: "目次", TableOfContents: "目次",
		Footnotes: "脚注", BackToReference: "参照 {ref} に戻る", Notes: "注", Links: "リンク",
		Deleted: "削除", Document: "文書",
	},
	"zh": {
		PageOf: "第 {page} 页，共 {pages} 页", Contents: "目录", TableOfContents: "目录",
		Footnotes: "脚注", BackToReference: "返回引用 {ref}", Notes: "注释", Links: "链接",
		Deleted: "已删除", Document: "文档",
	},
	"ko": {
		PageOf: "{page} / {pages} 페이지", Contents: "목차", TableOfContents: "목차",
		Footnotes: "각주", BackToReference: "참조 {ref}(으)로 돌아가기", Notes: "주", Links: "링크",
		Deleted: "삭제됨", Document: "문서",
	},
	"ar": {
		PageOf: "صفحة {page} من {pages}", Contents: "المحتويات", TableOfContents: "جدول المحتويات",
		Footnotes: "الحواشي", BackToReference: "العودة إلى المرجع {ref}", Notes: "ملاحظات", Links: "الروابط",
		Deleted: "محذوف", Document: "مستند",
	},
	"he": {
		PageOf: "עמוד {page} מתוך {pages}", Contents: "תוכן עניינים", TableOfContents: "תוכן עניינים",
		Footnotes: "הערות שוליים", BackToReference: "חזרה להפניה {ref}", Notes: "הערות", Links: "קישורים",
		Deleted: "נמחק", Document: "מסמך",
	},
	"hi": {
		PageOf: "पेज {page} / {pages}", Contents: "विषय सूची", TableOfContents: "विषय सूची",
		Footnotes: "फ़ुटनोट", BackToReference: "संदर्भ {ref} पर वापस जाएँ", Notes: "टिप्पणियाँ", Links: "लिंक",
		Deleted: "हटाया गया", Document: "दस्तावेज़",
	},
}
