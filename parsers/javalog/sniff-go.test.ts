import { describe, expect, it } from 'vitest';
import { PARSERS } from '..';
import { sniffWith } from '../registry';
import { sniffJavaLog } from './sniff';

// Lines as Go's standard log package prints them (LstdFlags|Lmicroseconds), from the incident-1 sample's gateway.
const GO = [
  '2026/11/22 04:39:44.978106 api_gateway pid 24683 listening on 127.0.0.1:38101 (tuba module 127.0.0.1:38151, mysql 127.0.0.1:38131)',
  '2026/11/22 04:39:45.086353 graphql-ws: connection 1 opened from 127.0.0.1:33906',
  '2026/11/22 04:49:45.482678 ERROR Timeout to get feed id: 34. ',
  '2026/11/22 04:50:01.123456 dial tcp 127.0.0.1:38131: socket: too many open files',
];

describe('Java sniffer and Go standard-library logs', () => {
  it('leaves a Go log to the generic text parser', () => {
    expect(sniffJavaLog({ name: 'logs/api_gateway.log', lines: GO })).toBeNull();
    expect(sniffWith(PARSERS, { name: 'logs/api_gateway.log', lines: GO }).result.kind).toBe('text-log');
  });
});
