/**
 * The borrowing application frame of a leak stack: HikariCP prints where the connection was taken
 * (`java.lang.Exception: Apparent connection leak detected` + frames). The innermost frames are the
 * pool, the JDBC driver, the ORM and Spring; the first frame after them is the code to fix.
 */

/** Packages whose frames sit between the application and the pool. */
const INFRA_PREFIXES = [
  'com.zaxxer.hikari.', 'java.', 'javax.', 'jakarta.', 'sun.', 'jdk.', 'com.sun.',
  'org.hibernate.', 'org.springframework.', 'org.apache.ibatis.', 'org.mybatis.', 'com.baomidou.', 'tk.mybatis.',
  'com.github.pagehelper.', 'org.jooq.', 'org.jdbi.', 'org.eclipse.persistence.', 'org.apache.openjpa.', 'io.ebean.',
  'com.querydsl.', 'org.apache.commons.dbutils.', 'org.apache.commons.dbcp', 'org.apache.tomcat.jdbc.', 'com.alibaba.druid.',
  'io.agroal.', 'io.quarkus.agroal.', 'org.jboss.', 'com.mysql.', 'org.mariadb.', 'org.postgresql.', 'oracle.',
  'com.microsoft.sqlserver.', 'org.h2.', 'org.hsqldb.', 'org.sqlite.', 'org.apache.derby.', 'com.ibm.db2.',
  'net.sourceforge.jtds.', 'com.p6spy.', 'net.ttddyy.', 'net.sf.log4jdbc.', 'io.micrometer.', 'io.opentelemetry.',
  'io.opentracing.', 'net.bytebuddy.', 'org.aspectj.', 'kotlin.', 'kotlinx.', 'scala.', 'groovy.', 'org.codehaus.groovy.',
];

/** `\tat pkg.Cls.method(File.java:12) ~[jar:ver]` → `pkg.Cls.method(File.java:12)`; null if not a frame. */
export function frameOf(line: string): string | null {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (!line.startsWith('at ', i)) return null;
  i += 3;
  while (line.charCodeAt(i) === 32) i++;
  const open = line.indexOf('(', i);
  if (open < 0) return null;
  const close = line.indexOf(')', open);
  if (close < 0) return null;
  const frame = line.slice(i, close + 1);
  return frame.includes(' ') ? null : frame;
}

/** Class and method part of a frame without a module/class-loader prefix (`java.base/…`, `app//…`). */
function qualifiedMethod(frame: string): string {
  const open = frame.indexOf('(');
  const head = open < 0 ? frame : frame.slice(0, open);
  const slash = head.lastIndexOf('/');
  return slash < 0 ? head : head.slice(slash + 1);
}

export function isInfrastructureFrame(frame: string): boolean {
  const q = qualifiedMethod(frame);
  if (q.includes('.hikari.') || q.includes('$Proxy') || q.includes('CGLIB$$') || q.includes('$$Lambda')) return true;
  for (const p of INFRA_PREFIXES) if (q.startsWith(p)) return true;
  return false;
}

/**
 * First application frame after the `Apparent connection leak detected` line (or from the start
 * when `fromIndex` is 0). Null when every complete frame is infrastructure (e.g. a cut paste).
 */
export function borrowingFrame(lines: readonly string[], fromIndex = 0): string | null {
  for (let k = fromIndex; k < lines.length; k++) {
    const line = lines[k]!;
    const f = frameOf(line);
    if (f === null) {
      const t = line.trimStart();
      // The leak stack ends at the next exception or cause; frames of a later trace are not ours.
      if (t.startsWith('Caused by') || (k > fromIndex && /^[a-z][\w$]*\.[\w$.]+(?:Exception|Error)\b/.test(t))) return null;
      continue;
    }
    if (!isInfrastructureFrame(f)) return f;
  }
  return null;
}
