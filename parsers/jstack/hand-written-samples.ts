/**
 * HAND-WRITTEN samples for cases the real corpus (test/fixtures/corpus/jstack) does not cover:
 * a ReentrantLock deadlock with `jstack -l`, a ThreadInfo-style monitor cycle without the JVM's
 * report, JDK 21 carriers, jcmd Thread.dump_to_file text, threads waiting on JDBC sockets and on a
 * HikariCP 5 pool, and a collector loop appending `# captured …` / `date` + jstack three times.
 * They follow the exact line shapes of the JDK sources and of public pastes of such dumps (see the
 * provenance notes of the real fixtures); names, addresses and ids are made up. Tests only.
 */

/** JDK 8 `jstack -l`: two pool threads deadlocked on ReentrantLocks, with the JVM's report. */
export const REENTRANT_DEADLOCK_JDK8 = `2024-03-05 10:15:42
Full thread dump Java HotSpot(TM) 64-Bit Server VM (25.392-b08 mixed mode):

"pool-1-thread-2" #13 prio=5 os_prio=0 tid=0x00007f3a2c1d4000 nid=0x5b2c waiting on condition [0x00007f39f51fe000]
   java.lang.Thread.State: WAITING (parking)
\tat sun.misc.Unsafe.park(Native Method)
\t- parking to wait for  <0x00000000d68ce880> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)
\tat java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)
\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.parkAndCheckInterrupt(AbstractQueuedSynchronizer.java:836)
\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireQueued(AbstractQueuedSynchronizer.java:870)
\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:1199)
\tat java.util.concurrent.locks.ReentrantLock$NonfairSync.lock(ReentrantLock.java:209)
\tat java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:285)
\tat com.acme.ledger.TransferTask.run(TransferTask.java:31)
\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1149)
\tat java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:624)
\tat java.lang.Thread.run(Thread.java:750)

   Locked ownable synchronizers:
\t- <0x00000000d68ce8b0> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)
\t- <0x00000000d68d1f20> (a java.util.concurrent.ThreadPoolExecutor$Worker)

"pool-1-thread-1" #12 prio=5 os_prio=0 tid=0x00007f3a2c1d2800 nid=0x5b2b waiting on condition [0x00007f39f52ff000]
   java.lang.Thread.State: WAITING (parking)
\tat sun.misc.Unsafe.park(Native Method)
\t- parking to wait for  <0x00000000d68ce8b0> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)
\tat java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)
\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.parkAndCheckInterrupt(AbstractQueuedSynchronizer.java:836)
\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireQueued(AbstractQueuedSynchronizer.java:870)
\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:1199)
\tat java.util.concurrent.locks.ReentrantLock$NonfairSync.lock(ReentrantLock.java:209)
\tat java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:285)
\tat com.acme.ledger.TransferTask.run(TransferTask.java:31)
\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1149)
\tat java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:624)
\tat java.lang.Thread.run(Thread.java:750)

   Locked ownable synchronizers:
\t- <0x00000000d68ce880> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)
\t- <0x00000000d68d1c78> (a java.util.concurrent.ThreadPoolExecutor$Worker)

"VM Thread" os_prio=0 tid=0x00007f3a2c0e6000 nid=0x5b1f runnable

JNI global references: 9


Found one Java-level deadlock:
=============================
"pool-1-thread-2":
  waiting for ownable synchronizer 0x00000000d68ce880, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),
  which is held by "pool-1-thread-1"
"pool-1-thread-1":
  waiting for ownable synchronizer 0x00000000d68ce8b0, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),
  which is held by "pool-1-thread-2"

Java stack information for the threads listed above:
===================================================
"pool-1-thread-2":
\tat sun.misc.Unsafe.park(Native Method)
\t- parking to wait for  <0x00000000d68ce880> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)
\tat java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)
"pool-1-thread-1":
\tat sun.misc.Unsafe.park(Native Method)
\t- parking to wait for  <0x00000000d68ce8b0> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)
\tat java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)

Found 1 deadlock.
`;

/**
 * ThreadMXBean `ThreadInfo.toString()` as an application watchdog logs it (JDK 17): a monitor
 * cycle between two workers and a third thread blocked behind them. No JVM deadlock report.
 */
export const THREADINFO_CYCLE_JDK17 = `"order-worker-1" prio=5 Id=31 BLOCKED on java.lang.Object@126d0622 owned by "order-worker-2" Id=32
\tat app//com.acme.orders.Inventory.reserve(Inventory.java:58)
\t-  blocked on java.lang.Object@126d0622
\t-  locked java.lang.Object@557ba567
\tat app//com.acme.orders.OrderService.place(OrderService.java:41)
\tat java.base@17.0.9/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)
\tat java.base@17.0.9/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)
\tat java.base@17.0.9/java.lang.Thread.run(Thread.java:840)

\tNumber of locked synchronizers = 1
\t- java.util.concurrent.ThreadPoolExecutor$Worker@4f3f5b24

"order-worker-2" prio=5 Id=32 BLOCKED on java.lang.Object@557ba567 owned by "order-worker-1" Id=31
\tat app//com.acme.orders.Inventory.release(Inventory.java:77)
\t-  blocked on java.lang.Object@557ba567
\t-  locked java.lang.Object@126d0622
\tat app//com.acme.orders.OrderService.cancel(OrderService.java:63)
\tat java.base@17.0.9/java.lang.Thread.run(Thread.java:840)

\tNumber of locked synchronizers = 1
\t- java.util.concurrent.ThreadPoolExecutor$Worker@15db9742

"order-worker-3" prio=5 Id=33 BLOCKED on java.lang.Object@557ba567 owned by "order-worker-1" Id=31
\tat app//com.acme.orders.Inventory.reserve(Inventory.java:55)
\t-  blocked on java.lang.Object@557ba567
\tat app//com.acme.orders.OrderService.place(OrderService.java:41)
\tat java.base@17.0.9/java.lang.Thread.run(Thread.java:840)

`;

/** JDK 21 jstack: a carrier running a virtual thread prints `Carrying virtual thread #N` instead of a state. */
export const CARRIER_JDK21 = `2024-06-11 08:02:17
Full thread dump OpenJDK 64-Bit Server VM (21.0.3+9-LTS mixed mode, sharing):

"ForkJoinPool-1-worker-1" #27 [4711] daemon prio=5 os_prio=0 cpu=5312.40ms elapsed=96.21s tid=0x00007f8e84012800 nid=4711 runnable  [0x00007f8e5c7fd000]
   Carrying virtual thread #41
\tat com.acme.report.Render.layout(Render.java:212)
\tat com.acme.report.Render.page(Render.java:97)
\tat java.lang.VirtualThread.run(java.base@21.0.3/VirtualThread.java:309)

"ForkJoinPool-1-worker-2" #29 [4712] daemon prio=5 os_prio=0 cpu=12.08ms elapsed=96.20s tid=0x00007f8e84014000 nid=4712 waiting on condition  [0x00007f8e5c6fc000]
   java.lang.Thread.State: WAITING (parking)
\tat jdk.internal.misc.Unsafe.park(java.base@21.0.3/Native Method)
\t- parking to wait for  <0x0000000711a0b2c8> (a java.util.concurrent.ForkJoinPool)
\tat java.util.concurrent.locks.LockSupport.park(java.base@21.0.3/LockSupport.java:371)
\tat java.util.concurrent.ForkJoinPool.awaitWork(java.base@21.0.3/ForkJoinPool.java:1893)
\tat java.util.concurrent.ForkJoinPool.runWorker(java.base@21.0.3/ForkJoinPool.java:1809)
\tat java.util.concurrent.ForkJoinWorkerThread.run(java.base@21.0.3/ForkJoinWorkerThread.java:188)

JNI global refs: 21, weak refs: 0
`;

/** jcmd Thread.dump_to_file -format=text (JDK 21): pid, time, version, then `#id "name" [virtual]` blocks. */
export const JCMD_TEXT_JDK21 = `48350
2024-06-11T08:05:44.310227Z
21.0.3+9-LTS

#1 "main"
      java.base/java.lang.Thread.sleep0(Native Method)
      java.base/java.lang.Thread.sleep(Thread.java:509)
      com.acme.report.Main.main(Main.java:44)

#41 "" virtual
      java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:631)
      java.base/java.lang.VirtualThread.sleepNanos(VirtualThread.java:803)
      java.base/java.lang.Thread.sleep(Thread.java:507)
      com.acme.report.Render.page(Render.java:101)

#42 "" virtual
      java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:631)
      java.base/java.lang.VirtualThread.sleepNanos(VirtualThread.java:803)
      java.base/java.lang.Thread.sleep(Thread.java:507)
      com.acme.report.Render.page(Render.java:101)

`;

/**
 * JDK 17 jstack of a Spring Boot service whose HikariCP 5 pool is exhausted: one thread holds a
 * connection and waits for PostgreSQL (NIO socket), one waits for MySQL (JDK 8-style socketRead0
 * frames, from an older driver path), one reads an HTTP response, two wait for a pool connection,
 * one is the pool's housekeeper and one is an idle Tomcat worker.
 */
export const POOL_EXHAUSTED_JDK17 = `2026-11-22 16:00:05
Full thread dump OpenJDK 64-Bit Server VM (17.0.9+9 mixed mode, sharing):

"http-nio-8080-exec-1" #41 daemon prio=5 os_prio=0 cpu=812.33ms elapsed=3605.21s tid=0x00007f1c2c0a1800 nid=0x2f1 runnable  [0x00007f1bd43fd000]
   java.lang.Thread.State: RUNNABLE
\tat sun.nio.ch.Net.poll(java.base@17.0.9/Native Method)
\tat sun.nio.ch.NioSocketImpl.park(java.base@17.0.9/NioSocketImpl.java:186)
\tat sun.nio.ch.NioSocketImpl.park(java.base@17.0.9/NioSocketImpl.java:195)
\tat sun.nio.ch.NioSocketImpl.implRead(java.base@17.0.9/NioSocketImpl.java:309)
\tat sun.nio.ch.NioSocketImpl.read(java.base@17.0.9/NioSocketImpl.java:346)
\tat sun.nio.ch.NioSocketImpl$1.read(java.base@17.0.9/NioSocketImpl.java:796)
\tat java.net.Socket$SocketInputStream.read(java.base@17.0.9/Socket.java:1099)
\tat org.postgresql.core.VisibleBufferedInputStream.readMore(VisibleBufferedInputStream.java:161)
\tat org.postgresql.core.VisibleBufferedInputStream.ensureBytes(VisibleBufferedInputStream.java:128)
\tat org.postgresql.core.VisibleBufferedInputStream.read(VisibleBufferedInputStream.java:73)
\tat org.postgresql.core.PGStream.receiveChar(PGStream.java:453)
\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2120)
\tat org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:356)
\t- locked <0x00000007ff512c90> (a org.postgresql.core.v3.QueryExecutorImpl)
\tat org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:496)
\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery(HikariProxyPreparedStatement.java)
\tat com.acme.orders.OrderRepository.findOpen(OrderRepository.java:88)

"http-nio-8080-exec-2" #42 daemon prio=5 os_prio=0 cpu=640.10ms elapsed=3605.20s tid=0x00007f1c2c0a3000 nid=0x2f2 runnable  [0x00007f1bd42fc000]
   java.lang.Thread.State: RUNNABLE
\tat java.net.SocketInputStream.socketRead0(Native Method)
\tat java.net.SocketInputStream.socketRead(SocketInputStream.java:116)
\tat java.net.SocketInputStream.read(SocketInputStream.java:171)
\tat com.mysql.cj.protocol.ReadAheadInputStream.fill(ReadAheadInputStream.java:107)
\tat com.mysql.cj.protocol.a.SimplePacketReader.readHeader(SimplePacketReader.java:63)
\tat com.mysql.cj.NativeSession.execSQL(NativeSession.java:1005)
\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeInternal(ClientPreparedStatement.java:916)
\tat com.acme.billing.InvoiceRepository.load(InvoiceRepository.java:40)

"http-nio-8080-exec-3" #43 daemon prio=5 os_prio=0 cpu=95.71ms elapsed=3605.20s tid=0x00007f1c2c0a4800 nid=0x2f3 runnable  [0x00007f1bd41fb000]
   java.lang.Thread.State: RUNNABLE
\tat sun.nio.ch.SocketDispatcher.read0(java.base@17.0.9/Native Method)
\tat sun.nio.ch.SocketDispatcher.read(java.base@17.0.9/SocketDispatcher.java:47)
\tat sun.nio.ch.NioSocketImpl.tryRead(java.base@17.0.9/NioSocketImpl.java:261)
\tat sun.nio.ch.NioSocketImpl.implRead(java.base@17.0.9/NioSocketImpl.java:312)
\tat sun.nio.ch.NioSocketImpl.read(java.base@17.0.9/NioSocketImpl.java:346)
\tat java.net.Socket$SocketInputStream.read(java.base@17.0.9/Socket.java:1099)
\tat org.apache.hc.core5.http.impl.io.SessionInputBufferImpl.fillBuffer(SessionInputBufferImpl.java:149)
\tat com.acme.payments.PayGwClient.charge(PayGwClient.java:61)

"http-nio-8080-exec-4" #44 daemon prio=5 os_prio=0 cpu=40.02ms elapsed=3605.19s tid=0x00007f1c2c0a6000 nid=0x2f4 waiting on condition  [0x00007f1bd40fa000]
   java.lang.Thread.State: TIMED_WAITING (parking)
\tat jdk.internal.misc.Unsafe.park(java.base@17.0.9/Native Method)
\t- parking to wait for  <0x00000007a5b30c10> (a java.util.concurrent.SynchronousQueue$TransferStack)
\tat java.util.concurrent.locks.LockSupport.parkNanos(java.base@17.0.9/LockSupport.java:252)
\tat java.util.concurrent.SynchronousQueue$TransferStack.awaitFulfill(java.base@17.0.9/SynchronousQueue.java:462)
\tat java.util.concurrent.SynchronousQueue$TransferStack.transfer(java.base@17.0.9/SynchronousQueue.java:361)
\tat java.util.concurrent.SynchronousQueue.poll(java.base@17.0.9/SynchronousQueue.java:937)
\tat com.zaxxer.hikari.util.ConcurrentBag.borrow(ConcurrentBag.java:151)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:180)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:146)
\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)
\tat com.acme.orders.OrderRepository.findOpen(OrderRepository.java:85)

"http-nio-8080-exec-5" #45 daemon prio=5 os_prio=0 cpu=38.90ms elapsed=3605.19s tid=0x00007f1c2c0a7800 nid=0x2f5 waiting on condition  [0x00007f1bd3ff9000]
   java.lang.Thread.State: TIMED_WAITING (parking)
\tat jdk.internal.misc.Unsafe.park(java.base@17.0.9/Native Method)
\t- parking to wait for  <0x00000007a5b30c10> (a java.util.concurrent.SynchronousQueue$TransferStack)
\tat java.util.concurrent.locks.LockSupport.parkNanos(java.base@17.0.9/LockSupport.java:252)
\tat java.util.concurrent.SynchronousQueue$TransferStack.awaitFulfill(java.base@17.0.9/SynchronousQueue.java:462)
\tat java.util.concurrent.SynchronousQueue$TransferStack.transfer(java.base@17.0.9/SynchronousQueue.java:361)
\tat java.util.concurrent.SynchronousQueue.poll(java.base@17.0.9/SynchronousQueue.java:937)
\tat com.zaxxer.hikari.util.ConcurrentBag.borrow(ConcurrentBag.java:151)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:180)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:146)
\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)
\tat com.acme.billing.InvoiceRepository.load(InvoiceRepository.java:37)

"HikariPool-1 housekeeper" #23 daemon prio=5 os_prio=0 cpu=210.44ms elapsed=3606.02s tid=0x00007f1c2c061000 nid=0x2d9 waiting on condition  [0x00007f1bd5bfd000]
   java.lang.Thread.State: TIMED_WAITING (parking)
\tat jdk.internal.misc.Unsafe.park(java.base@17.0.9/Native Method)
\t- parking to wait for  <0x00000007a5a12f48> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)
\tat java.util.concurrent.locks.LockSupport.parkNanos(java.base@17.0.9/LockSupport.java:252)
\tat java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(java.base@17.0.9/ScheduledThreadPoolExecutor.java:1182)
\tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.9/ThreadPoolExecutor.java:1062)
\tat java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.9/ThreadPoolExecutor.java:1122)
\tat java.lang.Thread.run(java.base@17.0.9/Thread.java:840)

"http-nio-8080-exec-6" #46 daemon prio=5 os_prio=0 cpu=12.01ms elapsed=3605.19s tid=0x00007f1c2c0a9000 nid=0x2f6 waiting on condition  [0x00007f1bd3ef8000]
   java.lang.Thread.State: WAITING (parking)
\tat jdk.internal.misc.Unsafe.park(java.base@17.0.9/Native Method)
\t- parking to wait for  <0x00000007a5c01e28> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)
\tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.9/LockSupport.java:341)
\tat java.util.concurrent.LinkedBlockingQueue.take(java.base@17.0.9/LinkedBlockingQueue.java:435)
\tat org.apache.tomcat.util.threads.TaskQueue.take(TaskQueue.java:141)
\tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.9/ThreadPoolExecutor.java:1062)
\tat java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.9/ThreadPoolExecutor.java:1122)
\tat java.lang.Thread.run(java.base@17.0.9/Thread.java:840)

"GC Thread#0" os_prio=0 cpu=301.12ms elapsed=3606.40s tid=0x00007f1c2c02c000 nid=0x2c1 runnable

"VM Thread" os_prio=0 cpu=88.20ms elapsed=3606.38s tid=0x00007f1c2c0d9000 nid=0x2c7 runnable

JNI global refs: 31, weak refs: 0
`;

/** One loop of a collector script: a `# captured` header, `date`, then jcmd Thread.print output. */
export function collectorLoop(stamp: string, date: string, spinLine: number): string {
  return `# captured ${stamp} host=api-7 pid=4242 cmd=jcmd 4242 Thread.print
${date}
4242:
${stamp.replace('T', ' ').replace('Z', '')}
Full thread dump OpenJDK 64-Bit Server VM (17.0.9+9 mixed mode, sharing):

"report-spinner" #51 prio=5 os_prio=0 cpu=91022.10ms elapsed=1201.33s tid=0x00007f1c2c0b9000 nid=0x301 runnable  [0x00007f1bd3bf5000]
   java.lang.Thread.State: RUNNABLE
\tat com.acme.report.Paginator.nextBreak(Paginator.java:${spinLine})
\tat com.acme.report.Paginator.paginate(Paginator.java:77)
\tat com.acme.report.ReportJob.run(ReportJob.java:30)
\tat java.lang.Thread.run(java.base@17.0.9/Thread.java:840)

"http-nio-8080-Acceptor" #30 daemon prio=5 os_prio=0 cpu=41.20ms elapsed=1201.90s tid=0x00007f1c2c091000 nid=0x2e8 runnable  [0x00007f1bd49fe000]
   java.lang.Thread.State: RUNNABLE
\tat sun.nio.ch.Net.accept(java.base@17.0.9/Native Method)
\tat sun.nio.ch.ServerSocketChannelImpl.implAccept(java.base@17.0.9/ServerSocketChannelImpl.java:425)
\tat sun.nio.ch.ServerSocketChannelImpl.accept(java.base@17.0.9/ServerSocketChannelImpl.java:391)
\tat org.apache.tomcat.util.net.NioEndpoint.serverSocketAccept(NioEndpoint.java:548)

JNI global refs: 31, weak refs: 0

`;
}
