/// <reference types="vite/client" />
// Vite module types (?raw, ?inline, ?worker, import.meta.glob) for the workbench and runtimes.

declare module 'virtual:perf-workbook/package-types' {
  /** Type packages by name ("ioredis", "@types/nodemailer", "@types/node"), each a lazy chunk (vite-plugin-package-types.mjs). */
  export const typePackages: Record<string, () => Promise<{
    files: Record<string, string>; entry: string; root: string; names: string[]; deps: string[];
  }>>;
  /** The type package for each import a lab allows ("nodemailer" → "@types/nodemailer", "node:crypto" → "@types/node"). */
  export const typesFor: Record<string, string>;
}

declare module 'monaco-editor/languages/features/typescript/tsMode' {
  /** Starts Monaco's TypeScript mode (workers, IntelliSense, diagnostics) for these defaults. */
  export function setupTypeScript(defaults: unknown): void;
}
