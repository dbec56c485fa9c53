/// <reference types="vite/client" />
// Vite module types (?raw, ?inline, ?worker, import.meta.glob) for the workbench and runtimes.
