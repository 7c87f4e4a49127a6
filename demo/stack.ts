// The entry point Pulumi.yaml's `main` names (compiled to dist/demo/stack.js).
import { program } from "./program";

export = program();
