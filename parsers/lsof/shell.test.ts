import { describe, expect, it } from 'vitest';
import { countLine, parseShellLine, pidFromArgs, stripHtmlArtifacts } from './shell';

describe('parseShellLine', () => {
  const cases: [string, string | null, Partial<ReturnType<typeof parseShellLine>>?][] = [
    ['$ lsof -p 1234', 'lsof', { command: 'lsof -p 1234', prompted: true }],
    ['# netstat -pant | egrep CLOSE_WAIT', 'netstat', { filters: ['CLOSE_WAIT'], counts: false }],
    ['> ss -np|grep 33000|grep CLOSE-WAIT|wc -l', 'ss', { filters: ['33000', 'CLOSE-WAIT'], counts: true }],
    ['lantern@fp-afisk:~/lantern-repo$ lsof -p 14204 | grep TCP | wc -l', 'lsof', { counts: true, filters: ['TCP'] }],
    ['➜  ~ lsof -i:9999', 'lsof', { args: ['-i:9999'] }],
    ['➜  rootline git:(main) ✗ ss -tan', 'ss', { args: ['-tan'] }],
    ['[root@web-1 ~]# ulimit -n', 'ulimit', { args: ['-n'] }],
    ['sudo ss -tp state CLOSE-WAIT dst 4.3.2.1', 'ss', { prompted: false, args: ['-tp', 'state', 'CLOSE-WAIT', 'dst', '4.3.2.1'] }],
    ['PS C:\\Users\\me> netstat -aon', 'netstat', {}],
    ['C:\\Users\\me>netstat -ano | findstr 8080', 'netstat', { filters: ['8080'] }],
    ['$ sudo -u app lsof -p 7 | grep -v REG | wc -l', 'lsof', { filters: ['!REG'], counts: true }],
    // not commands
    ['# 4.3.2.1 is a backend server', null],
    ['lsof      1234 root  cwd  DIR  8,1  4096  2 /', null],
    ['java    14184 root  291u  IPv6 150703      0t0  TCP a:1->b:2', null],
    ['tcp        0      0 0.0.0.0:22   0.0.0.0:*   LISTEN      1127/sshd', null],
    ['', null],
  ];
  for (const [line, tool, fields] of cases) {
    it(JSON.stringify(line), () => {
      const c = parseShellLine(line);
      if (tool === null) expect(c).toBeNull();
      else {
        expect(c?.tool).toBe(tool);
        if (fields) expect(c).toMatchObject(fields);
      }
    });
  }
});

describe('helpers', () => {
  it('finds the pid a command names', () => {
    expect(pidFromArgs(parseShellLine('$ lsof -p 14204 | wc -l')!)).toBe(14204);
    expect(pidFromArgs(parseShellLine('$ lsof -p14204')!)).toBe(14204);
    expect(pidFromArgs(parseShellLine('$ ls -l /proc/31014/fd')!)).toBe(31014);
    expect(pidFromArgs(parseShellLine('$ cat /proc/99/limits')!)).toBe(99);
    expect(pidFromArgs(parseShellLine('$ lsof -i 4')!)).toBeUndefined();
  });
  it('strips tracker HTML', () => {
    expect(stripHtmlArtifacts('<p>$ sudo netstat -tunp|grep x|head <br/>')).toBe('$ sudo netstat -tunp|grep x|head ');
    expect(stripHtmlArtifacts('a &gt; b')).toBe('a > b');
  });
  it('reads wc counts', () => {
    expect(countLine('3526')).toBe(3526);
    expect(countLine('    4123 ')).toBe(4123);
    expect(countLine('3526 lines')).toBeNull();
  });
});
