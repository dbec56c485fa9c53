// The catalog the site is built from. Astro bundles page code into dist/, where
// import.meta.url no longer points into the repository, so astro.config.mjs hands the
// root over (vite.define of import.meta.env.COURSE_ROOT) and pages use this instance.
import { LabCatalog } from './lab-catalog';

declare global {
  interface ImportMetaEnv {
    /** The repository root, set by astro.config.mjs for the site build. */
    readonly COURSE_ROOT?: string;
  }
}

export const siteCatalog = new LabCatalog(import.meta.env?.COURSE_ROOT);
