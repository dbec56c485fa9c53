// The playground's three labs as the workbench ships them (scaffold and browser
// graders), so the page can check a learner's saved code before running it.
// A separate file, fetched only when there is saved code: most visits never need it.
import type { APIRoute } from 'astro';
import { labBundle, pageLabs } from '../../workbench/lab-data';
import { OPS_LABS } from '../../ops/labs';

export const GET: APIRoute = () => {
  const bundles = pageLabs().filter((lab) => (OPS_LABS as readonly string[]).includes(lab.slug)).map(labBundle);
  return new Response(JSON.stringify(bundles), { headers: { 'content-type': 'application/json' } });
};
