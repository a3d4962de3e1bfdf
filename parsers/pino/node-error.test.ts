/** Error typing shared by the JSON, pino-pretty and crash paths. */
import { describe, expect, it } from 'vitest';
import { capStack, normalizeErr, parseErrorLine, parseSystemMessage } from './node-error';

describe('parseSystemMessage (Node lib/internal/errors.js message shapes)', () => {
  it.each([
    ['read ECONNRESET', { code: 'ECONNRESET', syscall: 'read' }],
    ['connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 5432 }],
    ['connect ECONNREFUSED ::1:6379', { code: 'ECONNREFUSED', syscall: 'connect', address: '::1', port: 6379 }],
    ['connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)', { code: 'EMFILE', syscall: 'connect', address: '10.0.3.7', port: 3306 }],
    ['getaddrinfo ENOTFOUND db.internal', { code: 'ENOTFOUND', syscall: 'getaddrinfo', address: 'db.internal' }],
    ['listen EADDRINUSE: address already in use :::3000', { code: 'EADDRINUSE', syscall: 'listen' }],
    ["EMFILE: too many open files, open '/etc/hosts'", { code: 'EMFILE', syscall: 'open' }],
    ['write EPIPE', { code: 'EPIPE', syscall: 'write' }],
  ])('%s', (msg, expected) => {
    expect(parseSystemMessage(msg)).toEqual(expected);
  });

  it.each(["Promise may not be fulfilled with 'undefined' when statusCode is not 204", 'Request EXPIRED', 'socket hang up', ''])('ignores %j', (msg) => {
    expect(parseSystemMessage(msg)).toBeNull();
  });
});

describe('parseErrorLine', () => {
  it.each([
    ['Error: read ECONNRESET', { type: 'Error', message: 'read ECONNRESET' }],
    ['TypeError: Cannot read properties of undefined', { type: 'TypeError', message: 'Cannot read properties of undefined' }],
    ['FastifyError [FST_ERR_X]: FST_ERR_X: boom', { type: 'FastifyError', code: 'FST_ERR_X', message: 'FST_ERR_X: boom' }],
    ['Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client', { type: 'Error', code: 'ERR_HTTP_HEADERS_SENT' }],
    ['SequelizeConnectionAcquireTimeoutError: Operation timeout', { type: 'SequelizeConnectionAcquireTimeoutError' }],
  ])('%s', (line, expected) => {
    expect(parseErrorLine(line)).toMatchObject(expected);
  });

  it.each(['Emitted \'error\' event at:', 'Server listening at http://0.0.0.0:3000', 'error: lowercase is not a type'])('ignores %s', (line) => {
    expect(parseErrorLine(line)).toBeNull();
  });
});

describe('normalizeErr', () => {
  it('falls back to name, then to the stack head, for type and message', () => {
    expect(normalizeErr({ name: 'MongoServerSelectionError', message: 'connection timed out' })).toEqual({ type: 'MongoServerSelectionError', message: 'connection timed out' });
    expect(normalizeErr({ stack: 'RangeError: Maximum call stack size exceeded\n    at f (/app/x.js:1:1)' })).toMatchObject({ type: 'RangeError', message: 'Maximum call stack size exceeded' });
  });

  it('keeps a numeric code as text, and a string port as a number', () => {
    expect(normalizeErr({ type: 'Error', message: 'ER_CON_COUNT_ERROR: Too many connections', code: 1040, port: '3306' })).toMatchObject({ code: '1040', port: 3306 });
  });

  it('does not let the message override a code the object carried', () => {
    expect(normalizeErr({ type: 'Error', message: 'connect ECONNREFUSED 1.2.3.4:80', code: 'ESOCKETTIMEDOUT' })).toEqual({ type: 'Error', message: 'connect ECONNREFUSED 1.2.3.4:80', code: 'ESOCKETTIMEDOUT' });
  });

  it('rejects what is not an error', () => {
    expect(normalizeErr(null)).toBeNull();
    expect(normalizeErr([1])).toBeNull();
    expect(normalizeErr('')).toBeNull();
  });

  it('caps stacks at 20 lines', () => {
    const stack = Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n');
    expect(capStack(stack).split('\n')).toHaveLength(20);
    expect(capStack('one\ntwo')).toBe('one\ntwo');
  });
});
