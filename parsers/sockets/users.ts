/**
 * ss's process column: `users:(("java",pid=46695,fd=4494),("java",pid=1,fd=3))`, and the older
 * iproute2 form without keys: `users:(("sshd",1234,3))`.
 */

export interface SocketUser {
  process: string;
  pid: number;
  fd?: number;
}

export function parseUsers(text: string): SocketUser[] {
  const out: SocketUser[] = [];
  const re = /\("((?:[^"\\]|\\.){0,200})",(?:pid=)?(\d+)(?:,(?:fd=)?(\d+))?\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const u: SocketUser = { process: m[1]!, pid: Number(m[2]) };
    if (m[3] !== undefined) u.fd = Number(m[3]);
    out.push(u);
  }
  return out;
}
