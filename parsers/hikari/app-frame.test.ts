import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../test/support/parse-fixture';
import { borrowingFrame, frameOf, isInfrastructureFrame } from './app-frame';

describe('frameOf', () => {
  it('strips the indentation, `at ` and logback packaging suffixes', () => {
    expect(frameOf('\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128) ~[HikariCP-3.3.1.jar:na]')).toBe(
      'com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)',
    );
    expect(frameOf('        at java.base/java.lang.Thread.run(Thread.java:829)')).toBe('java.base/java.lang.Thread.run(Thread.java:829)');
    expect(frameOf('\t... 42 more')).toBeNull();
    expect(frameOf('        at s')).toBeNull(); // cut by the excerpt
  });
});

describe('isInfrastructureFrame', () => {
  it.each([
    ['com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:162)', true],
    ['fr.xephi.authme.libs.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)', true],
    ['org.hibernate.internal.SessionImpl.connection(SessionImpl.java:523)', true],
    ['org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:376)', true],
    ['jdk.proxy2.$Proxy123.findAll(Unknown Source)', true],
    ['com.example.web.OrderController$$SpringCGLIB$$0.list(<generated>)', true],
    ['java.base/java.lang.Thread.run(Thread.java:829)', true],
    ['com.example.orders.OrderRepository.findOpen(OrderRepository.java:57)', false],
    ['io.hotschedules.lake.utils.TransactionLock.acquireLock(TransactionLock.java:39)', false],
  ])('%s → %s', (frame, infra) => {
    expect(isInfrastructureFrame(frame)).toBe(infra);
  });
});

describe('borrowingFrame', () => {
  it('finds the application frame below pool, driver, ORM and Spring frames', () => {
    const stack = [
      '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)',
      '\tat org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:122)',
      '\tat org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:421)',
      '\tat com.example.billing.InvoiceService$$EnhancerBySpringCGLIB$$1.run(<generated>)',
      '\tat com.example.billing.InvoiceService.run(InvoiceService.java:31)',
    ];
    expect(borrowingFrame(stack)).toBe('com.example.billing.InvoiceService.run(InvoiceService.java:31)');
  });

  it('is null when the paste ends before the application frame (hikari/13)', () => {
    const lines = fixtureLines('corpus/hikari/13-leak-detection-stack.log');
    expect(borrowingFrame(lines, 1)).toBeNull();
  });

  it('stops at the next exception instead of taking frames of another trace', () => {
    expect(borrowingFrame(['\tat com.zaxxer.hikari.HikariDataSource.getConnection(H.java:1)', 'Caused by: java.io.IOException: x', '\tat com.example.A.b(A.java:1)'])).toBeNull();
  });
});
