// pulumi-python-codegen: Pulumi's Python code generators (pkg/v3/codegen/python, at the CLI's version) as a command,
// for the engine suite's pulumi-language-python stand-in (testing/engine/pythonLanguageHost.ts), which runs it for
// the two LanguageRuntime calls that generate code:
//
//	pulumi-python-codegen package <out dir> <schema loader address> < schema.json
//	  GeneratePackage (`pulumi package gen-sdk --language python`): the SDK's files into <out dir>.
//	pulumi-python-codegen program <schema loader address> [strict] < {"file.pp": "PCL source", ...}
//	  GenerateProgram (`pulumi import --out`): {"__main__.py": "<base64>", ...} on stdout.
//
// Built into the cache by testing/engine/python.ts (`npm run -s engine:cli`), in a module of its own with the
// CLI's requires and replaces.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 3 && args[0] == "package":
		return generatePackage(args[1], args[2])
	case (len(args) == 2 || len(args) == 3) && args[0] == "program":
		return generateProgram(args[1], len(args) == 3 && args[2] == "strict")
	}
	return fmt.Errorf("usage: pulumi-python-codegen package <out dir> <loader> < schema.json | program <loader> [strict] < sources.json")
}

func loader(target string) (schema.ReferenceLoader, func(), error) {
	client, err := schema.NewLoaderClient(target)
	if err != nil {
		return nil, nil, err
	}
	return schema.NewCachedLoader(client), func() { _ = client.Close() }, nil
}

func generatePackage(out, target string) error {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return err
	}
	l, done, err := loader(target)
	if err != nil {
		return err
	}
	defer done()
	pkg, diags, err := schema.BindSpec(spec, l, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	files, err := python.GeneratePackage("pulumi-language-python", pkg, nil, l)
	if err != nil {
		return err
	}
	for name, content := range files {
		file := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func generateProgram(target string, strict bool) error {
	var sources map[string]string
	if err := json.NewDecoder(os.Stdin).Decode(&sources); err != nil {
		return err
	}
	parser := syntax.NewParser()
	for name, text := range sources {
		if err := parser.ParseFile(strings.NewReader(text), name); err != nil {
			return err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return parser.Diagnostics
	}
	l, done, err := loader(target)
	if err != nil {
		return err
	}
	defer done()
	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgram(parser.Files, l, opts...)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	files, diags, err := python.GenerateProgram(program)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	return json.NewEncoder(os.Stdout).Encode(files)
}
