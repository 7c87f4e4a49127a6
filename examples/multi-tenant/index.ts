// Entry point Pulumi runs; the program lives in program.ts so tests can run it too.
import { program } from "./program";

export = program();
