import { launch, DESKTOP, PHONE } from './browser.mjs';
const BASE = process.env.BASE_URL;
const context = await launch();
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
for (const [name, path, wait] of JSON.parse(process.argv[2])) {
  for (const [size, vp] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(vp);
    await page.goto(`${BASE}${path}`);
    await page.waitForSelector(wait, { timeout: 15000 }).catch((e) => console.log(name, e.message));
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/fcdev/shots/${name}-${size}.png` });
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(name, size, 'scrollWidth', w);
  }
}
await context.close();
