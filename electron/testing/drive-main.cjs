// Drives a built main.cjs under plain Node with fake-electron.cjs (see electron/bundle.test.ts):
//   node --require fake-electron.cjs drive-main.cjs <main.cjs> <bundle dir>
// Starts main as `electron main.cjs <bundle>` would (main opens the bundle and sends the page to its
// progress route), calls the IPC handlers main registered as the renderer would, and prints what
// came back as JSON.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: run by plain Node, like main.cjs */
const [mainPath, bundlePath] = process.argv.slice(2);
const state = globalThis.__fakeElectron;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function run() {
  process.argv = [process.argv[0], mainPath, bundlePath];
  require(mainPath);
  const win = await until('the window', () => state.windows[0]);
  await until('the page', () => win.webContents.url);
  const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  const call = (channel, ...args) => state.handlers.get(channel)(ours, ...args);
  const out = { channels: [...state.handlers.keys()], webPreferences: win.options.webPreferences, rendererUrl: win.webContents.url };

  out.version = await call('version');
  const nav = await until('the progress route', () => state.sent.find((s) => s.channel === 'push:navigate'));
  out.navigate = nav.payload;
  const id = decodeURIComponent(nav.payload.replace('#/open/', ''));
  const done = await until('the ingest', () => state.sent.find((s) => s.channel === 'push:job' && s.payload.id === id && s.payload.status !== 'running'));
  out.job = { status: done.payload.status, error: done.payload.error };
  const polled = await call('job', id);
  out.polled = polled.ok && polled.result.status;
  const ref = done.payload.result && done.payload.result.bundle;
  const overview = await call('overview', ref);
  out.overview = overview.ok ? { files: overview.result.files.length, rootCauses: overview.result.rootCauses.map((c) => c.id) } : overview;
  out.searchStatus = await until('the search index', async () => {
    const s = await call('searchStatus', ref);
    return s.ok && s.result.state !== 'building' && !(s.result.state === 'missing' && s.result.reason === 'not-built') ? s.result : null;
  });
  const found = await call('search', ref, 'HikariPool');
  out.search = found.ok ? { ok: true, hits: found.result.hits.length } : found;
  const rows = await call('sql', ref, 'SELECT count(*) AS n FROM files');
  out.sql = rows.ok ? { ok: true, columns: rows.result.columns, rows: rows.result.rows } : rows;
  out.sqlRefused = await call('sql', ref, 'DELETE FROM files');
  out.notFound = await call('overview', 'no-such-bundle');
  out.foreign = await state.handlers.get('overview')({ sender: win.webContents, senderFrame: { parent: null, url: 'https://example.invalid/' } }, ref);
  win.webContents.url += `#/b/${ref}/overview`;
  win.webContents.emit('did-navigate-in-page');
  await sleep(200);
  const menu = state.menus.at(-1) || [];
  const file = menu.find((m) => m.label === '&File');
  out.menu = {
    top: menu.map((m) => m.label || m.role),
    recent: file.submenu.find((i) => i.label === 'Open Recent').submenu.map((i) => i.label),
    exportEnabled: file.submenu.find((i) => i.label === 'Export Postmortem…').enabled,
  };
  out.session = { permission: await new Promise((r) => state.session.request(null, 'geolocation', r)), csp: await new Promise((r) => state.session.headers({ responseHeaders: {} }, r)) };
  return out;
}

run().then(
  (out) => {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    process.exit(0);
  },
  (e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
