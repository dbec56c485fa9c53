import { launch, serveDist } from './harness';
const server = await serveDist();
const ctx = await launch();
// SHOTS: path|text-of-heading-to-scroll-to, ...
for (const spec of (process.env.SHOTS ?? '').split(',')) {
  const [path, anchor] = spec.split('|');
  for (const width of [1280, 390]) {
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.goto(server.url + path);
    if (anchor) await page.locator(`h2, h3, h4, h5`, { hasText: anchor }).first().evaluate((el) => el.scrollIntoView());
    await page.waitForTimeout(300);
    const name = `/tmp/shots/${path!.replace(/\W+/g, '_')}${(anchor ?? '').replace(/\W+/g, '_').slice(0, 20)}_${width}.png`;
    await page.screenshot({ path: name });
    console.log(name);
    await page.close();
  }
}
await ctx.close(); await server.close();
