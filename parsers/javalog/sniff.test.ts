import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import { javaLogParser } from './index';

const sniff = (rel: string) => javaLogParser.sniff({ name: rel, lines: fixtureLines(rel) });
const files = (dir: string) => readdirSync(FIXTURES + dir).filter((f) => !f.endsWith('.md') && !f.startsWith('.')).map((f) => `${dir}/${f}`);

describe('sniff: every hikari fixture is a Java log', () => {
  it.each(files('corpus/hikari').map((f) => [f]))('%s', (rel) => {
    const r = sniff(rel);
    expect(r?.kind).toBe('java-log');
    expect(r!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(r!.reason.length).toBeGreaterThan(10);
  });
});

describe('sniff: neighbours are not claimed (null or confidence < 0.3)', () => {
  const others = [
    'corpus/jstack/tda-java8dump.log',
    ...files('corpus/jstack').filter((f) => !f.endsWith('fragments')),
    ...files('corpus/pino'),
    ...files('corpus/goroutine'),
    ...files('corpus/lsof'),
    ...files('corpus/ss'),
  ];
  it.each(others.map((f) => [f]))('%s', (rel) => {
    const r = sniff(rel);
    expect(r === null || r.confidence < 0.3, JSON.stringify(r)).toBe(true);
  });

  it.each([
    ['a GC log', ['[0.005s][info][gc] Using G1', '[0.010s][info][gc,init] Version: 17.0.2', '[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms']],
    ['a JDK 8 GC log', ['2016-12-19T16:31:46.725+0100: 1.595: [GC pause (G1 Evacuation Pause) (young), 0.0096173 secs]', '2016-12-19T16:31:47.725+0100: 2.595: [GC pause (G1 Evacuation Pause) (young), 0.0096173 secs]']],
    ['a CSV export', ['time,cpu,mem', '2024-01-01 00:00:00,12.5,40', '2024-01-01 00:01:00,13.5,41', '2024-01-01 00:02:00,80.1,42']],
    ['pino-pretty', ['[1604486775436] INFO     (15596 on CM000091.local): Server ready', '[1604486778910] INFO     (15596 on CM000091.local): Received request']],
    ['an Apache error log', ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties', '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6']],
    ['plain prose', ['This is a README.', 'It has sentences.']],
  ])('%s', (_name, lines) => {
    const r = javaLogParser.sniff({ name: 'x.log', lines });
    expect(r === null || r.confidence < 0.3, JSON.stringify(r)).toBe(true);
  });
});

describe('sniff: layouts and edge cases', () => {
  it('recognises a stack trace without any header line (hikari/13, hikari/18)', () => {
    expect(sniff('corpus/hikari/13-leak-detection-stack.log')?.reason).toMatch(/stack trace without log headers/);
    expect(sniff('corpus/hikari/18-springboot-actuator-timeout.log')?.reason).toMatch(/stack trace without log headers/);
  });

  it('recognises a JSON-layout Java log with an invalid line (hikari/12)', () => {
    expect(sniff('corpus/hikari/12-json-config-dump.log')?.reason).toMatch(/JSON-layout.*1 invalid JSON/);
  });

  it('claims a Spring Boot log that starts with the banner', () => {
    const lines = [
      '',
      '  .   ____          _            __ _ _',
      " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
      " =========|_|==============|___/=/_/_/_/",
      ' :: Spring Boot ::                (v2.7.0)',
      '',
      ...Array.from({ length: 12 }, (_, i) => `2022-06-01 10:00:0${i % 10}.000  INFO 1 --- [           main] c.e.App                                  : step ${i}`),
    ];
    expect(javaLogParser.sniff({ name: 'app.log', lines })!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('still claims an application log with a thread dump printed into it', () => {
    const header = (i: number) => `2024-01-01 00:00:${String(i).padStart(2, '0')}.000 INFO [main] com.example.App - tick ${i}`;
    const lines = [
      ...Array.from({ length: 40 }, (_, i) => header(i)),
      'Full thread dump OpenJDK 64-Bit Server VM (17.0.2+8 mixed mode):',
      '"main" #1 prio=5 os_prio=0 cpu=100ms elapsed=5s tid=0x00007f nid=0x1 runnable',
      '   java.lang.Thread.State: RUNNABLE',
      '	at com.example.App.main(App.java:10)',
      ...Array.from({ length: 20 }, (_, i) => header(40 + i)),
    ];
    expect(javaLogParser.sniff({ name: 'catalina.out', lines })).toMatchObject({ kind: 'java-log' });
  });

  it('scores a file with one header among prose below the registry threshold', () => {
    const lines = ['Some notes', 'more notes', 'even more notes', 'and more', '2024-01-01 12:00:00.000 INFO [main] com.x.Y - one line', 'x', 'y', 'z', 'w', 'v'];
    expect(javaLogParser.sniff({ name: 'notes.txt', lines })!.confidence).toBeLessThan(0.3);
  });
});
