// Package batch renders many documents from one manifest: it owns the
// manifest format (YAML, JSON or CSV, checked against an embedded JSON
// Schema with file:line:col errors), the plan of output paths and its
// safety checks, the parallel run with atomic writes, the index of what
// was written, the removal of the files a previous index lists and the
// manifest no longer writes, the drift check, and sharding across
// machines.
//
// It is a library: it reads the manifest bytes it is given, the templates
// and values files the manifest names, and writes only below the output
// directory; it removes only files its previous index lists, checked like
// output paths. It never writes to standard output or error, never reads
// environment variables or the clock into an output, never follows a
// symbolic link out of the output directory, and never leaves a partial
// file: every file is written to a hidden temporary file and renamed, and
// a document's files are put in place together or not at all.
package batch
