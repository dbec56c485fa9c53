// The playground's three labs as the workbench ships them (scaffold and browser
// graders), so the page can check a learner's saved code before running it.
// A separate file, fetched only when there is saved code: most visits never need it.
import type { APIRoute } from 'astro';
import { siteCatalog } from '../../catalog/site';
import { OPS_LABS } from '../../ops/labs';

export const GET: APIRoute = () => {
  const bundles = siteCatalog.labs().filter((lab) => (OPS_LABS as readonly string[]).includes(lab.slug)).map((lab) => siteCatalog.bundle(lab));
  return new Response(JSON.stringify(bundles), { headers: { 'content-type': 'application/json' } });
};
