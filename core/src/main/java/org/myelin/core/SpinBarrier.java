package org.myelin.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for the step loop's exchange points. Waiting threads spin briefly (the common
 * case when every worker has its own core), then yield, then park in short naps, so that more workers
 * than cores still make progress. {@link #abort()} releases everybody with an exception.
 */
final class SpinBarrier {
    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean aborted;

    SpinBarrier(int parties) {
        this.parties = parties;
    }

    void await() {
        final int g = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = g + 1;
            return;
        }
        int spins = 0;
        while (generation == g) {
            if (aborted) throw new IllegalStateException("aborted: another worker failed");
            spins++;
            if (spins < 2_000) {
                Thread.onSpinWait();
            } else if (spins < 4_000) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    void abort() {
        aborted = true;
    }
}
