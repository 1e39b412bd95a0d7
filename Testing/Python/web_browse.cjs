// Opens a web figure (paravoxel.web.export_html) from file:// in Debian's chromium, headless,
// driven by playwright-core (from the build's node_modules through NODE_PATH), and prints one
// JSON line: the requests the page made beyond its own file (aborted, so none leaves the machine),
// the console's errors, the time to the first frame, the colour legend's text, the names shown
// under the pointer at the given points and, with --fps, the frame rate while the figure turns.
//   node web_browse.cjs page.html WIDTH HEIGHT screenshot.png [--fps] [X,Y ...]
// The screenshot is taken without the legend and name box (the view alone, as pvbatch saves it).
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.PARAVOXEL_CHROMIUM || '/usr/bin/chromium';

async function browse(page, file, width, height, screenshot, fps, points) {
  const url = 'file://' + path.resolve(file);
  const elsewhere = [];
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested === url || requested.startsWith('data:')) {
      return route.continue();
    }
    elsewhere.push(requested);
    return route.abort();
  });
  await page.setViewportSize({ width, height });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.frames === '1', null,
    { timeout: 300000, polling: 100 });
  const firstFrameMs = await page.evaluate(() => Number(document.body.dataset.firstFrameMs));
  const legend = await page.evaluate(() => document.getElementById('paravoxel-legend').innerText);
  await page.evaluate(() => document.body.classList.add('paravoxel-bare'));
  await page.screenshot({ path: screenshot });
  await page.evaluate(() => document.body.classList.remove('paravoxel-bare'));
  const names = [];
  for (const point of points) {
    const [x, y] = point.split(',').map(Number);
    await page.mouse.move(x, y);
    // The name box is updated in the next animation frame after the pointer moves.
    await page.evaluate(() => new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(resolve))));
    names.push(await page.evaluate(() => document.getElementById('paravoxel-name').textContent));
  }
  let framesPerSecond = null;
  if (fps) {
    framesPerSecond = await page.evaluate(() => window.paravoxelFigure.measureFrameRate(60));
  }
  return { url, elsewhere, errors, firstFrameMs, legend, names, framesPerSecond };
}

(async () => {
  const args = process.argv.slice(2);
  const fps = args.includes('--fps');
  const [file, width, height, screenshot, ...points] = args.filter((a) => a !== '--fps');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // WebGL without a GPU: SwiftShader, Chromium's software renderer.
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const result = await browse(page, file, Number(width), Number(height), screenshot, fps,
      points);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
