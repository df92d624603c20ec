package jsondoc

// IndentedSize lets the external tests check indentedSize.
var IndentedSize = indentedSize
