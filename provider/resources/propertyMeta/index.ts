/**
 * Moved to provider/engine/propertyMeta.ts. Kept (as a folder, so the move stays a rename in git) only for the
 * one import left at "./propertyMeta", numberOutputs.schema.ts's, until that file's owner points it at the engine.
 */
export * from "../../engine/propertyMeta";
