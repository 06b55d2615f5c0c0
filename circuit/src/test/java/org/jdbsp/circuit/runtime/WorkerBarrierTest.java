package org.jdbsp.circuit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbsp.circuit.PeerFailedException;
import org.jdbsp.circuit.WorkerBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WorkerBarrierTest {

    @Test
    void generationsCompleteAndOrIsAllReduced() throws Exception {
        WorkerBarrier barrier = new WorkerBarrier(3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 50; round++) {
                int trueAt = round % 4; // 3: nobody says true
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int me = w;
                    results.add(pool.submit(() -> barrier.awaitOr(me == trueAt)));
                }
                for (Future<Boolean> f : results) {
                    assertEquals(trueAt < 3, f.get(10, TimeUnit.SECONDS), "round " + round);
                }
            }
            assertEquals(50, barrier.generation());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failWakesEveryWaiterAndLaterArrivalsThrowUntilReset() throws Exception {
        WorkerBarrier barrier = new WorkerBarrier(3);
        AtomicInteger peerFailed = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    barrier.await();
                } catch (PeerFailedException e) {
                    peerFailed.incrementAndGet();
                }
            });
            t.start();
            waiters.add(t);
        }
        // let them park (no assertion relies on timing: fail() wakes them whether or not they parked yet)
        Thread.sleep(50);
        barrier.fail();
        for (Thread t : waiters) {
            t.join(10_000);
            assertFalse(t.isAlive(), "a waiter is still blocked after fail()");
        }
        assertEquals(2, peerFailed.get());
        assertTrue(barrier.isFailed());
        assertThrows(PeerFailedException.class, barrier::await);

        barrier.reset();
        assertFalse(barrier.isFailed());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(pool.submit(() -> barrier.await()));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void singlePartyNeverWaits() {
        WorkerBarrier barrier = new WorkerBarrier(1);
        assertTrue(barrier.awaitOr(true));
        assertFalse(barrier.awaitOr(false));
        assertThrows(IllegalArgumentException.class, () -> new WorkerBarrier(0));
    }

    @Test
    void waitingTimeIsChargedToTheWaitingPartyOnly() throws Exception {
        WorkerBarrier barrier = new WorkerBarrier(2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> other = pool.submit(() -> barrier.await(1));
            barrier.await(0);
            other.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        long w0 = barrier.waitNanos(0);
        long w1 = barrier.waitNanos(1);
        // the last arrival does not wait; the first one waited for it
        assertTrue(w0 >= 0 && w1 >= 0, w0 + " " + w1);
        assertTrue((w0 == 0) != (w1 == 0), "exactly one party waited: " + w0 + " " + w1);
    }
}
