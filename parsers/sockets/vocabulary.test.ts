import { describe, expect, it } from 'vitest';
import type { FdRow } from '../lsof/model';
import { dottedToColon, normaliseAddress, portNumber, splitHostPort } from './address';
import type { SocketRow } from './model';
import { socketKey } from './socket-key';
import { normaliseState } from './states';

describe('normaliseState', () => {
  it.each([
    ['ESTAB', 'ESTABLISHED'], ['CLOSE-WAIT', 'CLOSE_WAIT'], ['SYN-SENT', 'SYN_SENT'], ['FIN-WAIT-1', 'FIN_WAIT1'], ['TIME-WAIT', 'TIME_WAIT'],
    ['UNCONN', 'UNCONN'], ['LISTENING', 'LISTEN'], ['FIN_WAIT_2', 'FIN_WAIT2'], ['SYN_RCVD', 'SYN_RECV'], ['CLOSED', 'CLOSE'],
    ['VERBUNDEN', 'ESTABLISHED'], ['SCHLIESSEN_WARTEN', 'CLOSE_WAIT'], ['HERGESTELLT', 'ESTABLISHED'], ['ABHÖREN', 'LISTEN'], ['WARTEND', 'TIME_WAIT'],
    ['ÉTABLIE', 'ESTABLISHED'], ['ESCUCHANDO', 'LISTEN'], ['(CLOSE_WAIT)', 'CLOSE_WAIT'], ['close-wait', 'CLOSE_WAIT'], ['BOGUS-STATE', 'BOGUS_STATE'],
  ])('%s → %s', (raw, want) => expect(normaliseState(raw)).toBe(want));
});

describe('addresses', () => {
  it('splits every printed form', () => {
    expect(splitHostPort('[::ffff:1.2.3.4]:80')).toEqual({ host: '::ffff:1.2.3.4', port: '80' });
    expect(splitHostPort('::ffff:172.31.24.254:8888')).toEqual({ host: '::ffff:172.31.24.254', port: '8888' });
    expect(splitHostPort(':::8888')).toEqual({ host: '::', port: '8888' });
    expect(splitHostPort('*:*')).toEqual({ host: '*', port: '*' });
    expect(splitHostPort('127.0.0.53%lo:53')).toEqual({ host: '127.0.0.53%lo', port: '53' });
    expect(splitHostPort('[fe80::1]%eth0:123')).toEqual({ host: 'fe80::1', port: '123' });
    expect(splitHostPort('44.225.1')).toBeNull();
    expect(dottedToColon('192.168.1.221.5486')).toBe('192.168.1.221:5486');
    expect(dottedToColon('fe80::1%lo0.5353')).toBe('[fe80::1%lo0]:5353');
    expect(portNumber('ssh')).toBeUndefined();
    expect(portNumber('65536')).toBeUndefined();
  });
  it('normalises for identity', () => {
    expect(normaliseAddress('[::ffff:10.0.0.1]:80')).toBe('10.0.0.1:80');
    expect(normaliseAddress('::ffff:10.0.0.1:80')).toBe('10.0.0.1:80');
    expect(normaliseAddress('0.0.0.0:0')).toBe('*:*');
    expect(normaliseAddress('[::]:*')).toBe('*:*');
    expect(normaliseAddress('[FE80::1%eth0]:22')).toBe('[fe80::1]:22');
  });
});

describe('socketKey', () => {
  const row = (proto: string, local: string, remote: string): SocketRow => ({ type: 'socket', proto, recvQ: 0, sendQ: 0, local, remote, line: 1 });
  it('is the same for one connection seen by ss, netstat and lsof -nP', () => {
    const ss = socketKey(row('tcp', '[::ffff:10.0.1.5]:7000', '[::ffff:10.0.2.9]:51544'));
    const ns = socketKey(row('tcp6', '::ffff:10.0.1.5:7000', '::ffff:10.0.2.9:51544'));
    const fd: FdRow = { type: 'fd', command: 'java', pid: 1, fd: '87u', fdType: 'IPv6', protocol: 'TCP', name: '', local: '10.0.1.5:7000', remote: '10.0.2.9:51544', line: 1 };
    expect(ss).toBe('tcp|10.0.1.5:7000|10.0.2.9:51544');
    expect(ns).toBe(ss);
    expect(socketKey(fd)).toBe(ss);
  });
  it('differs by protocol, side and peer', () => {
    expect(socketKey(row('udp', '1.1.1.1:53', '2.2.2.2:53'))).not.toBe(socketKey(row('tcp', '1.1.1.1:53', '2.2.2.2:53')));
    expect(socketKey(row('tcp', '2.2.2.2:53', '1.1.1.1:53'))).not.toBe(socketKey(row('tcp', '1.1.1.1:53', '2.2.2.2:53')));
  });
});
