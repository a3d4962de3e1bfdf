import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../engine/store';
import { runCli, tempHome } from '../../test/support/cli';

const INCIDENT3 = 'samples/incident-3-hikari-starvation/bundle';

describe('rootline export (the CLI in a child process)', () => {
  it('analyses a bundle and writes the postmortem; then exports the same database directly, anonymised, with the authors\' front matter', () => {
    const home = tempHome();
    const out = join(home, 'postmortem.md');
    const db = join(home, 'incident3.sqlite');
    const first = runCli(['export', INCIDENT3, '--out', out, '--db', db, '--no-progress'], home);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/postmortem written to .*postmortem\.md/);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^---\ntitle: "Postmortem 2026-11-22: [^"]+"\ndate: 2026-11-22\nstatus: draft\nseverity: SEV[1-4]\nauthors: \[\]\n---\n/);
    expect(md).toMatch(/^## Timeline\n\n\| Time \(UTC\) \| Source \| Event \| Marker \| Evidence \|$/m);
    expect(md).toContain('process-starvation');
    expect(md).not.toContain('```mermaid');

    // A note added to the database (as the UI would) naming the bundle's host and database address.
    const store = Store.open(db);
    try {
      const bundle = store.bundles.all()[0]!;
      store.annotations.create(bundle.id, { marker: 'detection', ts: Date.parse('2026-11-22T04:18:30Z'), text: 'vm stopped answering; PostgreSQL at 127.0.0.1:54331 idle' });
    } finally {
      store.close();
    }
    const plain = runCli(['export', db], home);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/\| Annotation \| vm stopped answering; PostgreSQL at 127\.0\.0\.1:54331 idle \| Detection \|/);

    // A .sqlite path is opened as it is (no re-analysis): to stdout this time.
    const second = runCli(['export', db, '--anonymize', '--mermaid', '--title', 'Rankings API down', '--status', 'final', '--severity', 'SEV1', '--author', 'Dana Kim', '--author', 'Lee Jun'], home);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^---\ntitle: "Rankings API down"\ndate: 2026-11-22\nstatus: final\nseverity: SEV1\nauthors: \["Dana Kim", "Lee Jun"\]\n---\n/);
    expect(second.stdout).toContain('```mermaid\ntimeline\n');
    expect(second.stdout).not.toMatch(/\bvm\b|127\.0\.0\.1/);
    expect(second.stdout).toMatch(/\| Annotation \| host-1 stopped answering; PostgreSQL at ip-1:54331 idle \| Detection \|/);
    expect(second.stderr).toMatch(/anonymised: \d+ host names, \d+ IP addresses, \d+ user ids, \d+ e-mail addresses/);
    expect(second.stderr).not.toMatch(/reading|indexing/); // nothing was re-read
  });

  it('chooses a bundle inside a database with --bundle, and says which ones it holds when asked for another', () => {
    const home = tempHome();
    const db = join(home, 'x.sqlite');
    expect(runCli(['analyze', INCIDENT3, '--db', db, '--no-progress'], home).status).toBe(0);
    const ok = runCli(['export', db, '--bundle', INCIDENT3], home);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^---\ntitle: /);
    const other = runCli(['export', db, '--bundle', 'samples/healthy-spring-pino/bundle'], home);
    expect(other.status).toBe(66);
    expect(other.stderr).toMatch(/no analysed bundle .*healthy-spring-pino\/bundle \(it holds: .*incident-3-hikari-starvation\/bundle\)/);
  });

  it('clear errors: 66 for a missing path, 2 for bad options', () => {
    const home = tempHome();
    const missing = runCli(['export', 'no/such/bundle', '--out', join(home, 'x.md')], home);
    expect(missing.status).toBe(66);
    expect(missing.stderr).toMatch(/no\/such\/bundle: no such file or directory/);
    expect(existsSync(join(home, 'x.md'))).toBe(false);

    const zone = runCli(['export', INCIDENT3, '--tz', 'Mars/Olympus', '--no-progress'], home);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);

    const empty = runCli(['export', INCIDENT3, '--title', ' '], home);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--title: expected one non-empty line of text/);

    const bundleFlag = runCli(['export', INCIDENT3, '--bundle', 'x', '--no-progress'], home);
    expect(bundleFlag.status).toBe(2);
    expect(bundleFlag.stderr).toMatch(/--bundle chooses a bundle inside a database/);

    const unwritable = runCli(['export', INCIDENT3, '--out', join(home, 'no-such-dir', 'pm.md'), '--no-progress'], home);
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toMatch(/no-such-dir\/pm\.md: cannot write the postmortem \(ENOENT\)/);
    expect(unwritable.stderr).not.toMatch(/unexpected error/);

    const unknown = runCli(['export', INCIDENT3, '--frobnicate'], home);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});
