package provider_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestAcceptanceTestsRunInParallel keeps make test fast as tests are added: every acceptance test runs with
// resource.ParallelTest, each against its own mock. A test that must run alone (one that changes the
// process environment with t.Setenv, which the in-process provider and terraform inherit) says why in a
// "// serial: <reason>" comment on the line above its resource.Test call.
func TestAcceptanceTestsRunInParallel(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		file, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		justified := map[int]bool{} // lines that a "// serial:" comment ends on
		for _, group := range file.Comments {
			if strings.HasPrefix(group.List[len(group.List)-1].Text, "// serial: ") {
				justified[fset.Position(group.End()).Line] = true
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Test" {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "resource" {
				return true
			}
			if pos := fset.Position(call.Pos()); !justified[pos.Line-1] {
				t.Errorf("%s: resource.Test runs this acceptance test alone: use resource.ParallelTest, or say "+
					"why it must be serial in a \"// serial: <reason>\" comment on the line above", pos)
			}
			return true
		})
	}
}
