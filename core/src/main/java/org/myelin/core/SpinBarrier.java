package org.myelin.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for the step loop's exchange points. Waiting threads spin, yielding every few
 * rounds (see {@link #await()}), and park in short naps only after a millisecond, so that more
 * workers than cores still make progress. {@link #abort()} releases everybody with an exception.
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
        // spin, yielding every 16 rounds: on an idle core a yield returns at once, and a worker that
        // shares its core with the one it waits for (more workers than free cores, or the scheduler
        // placing both on one core for a while) hands that core over instead of spinning out its time
        // slice; after 1 ms, short naps. Parking any earlier makes a waiter oversleep (the kernel's
        // timer slack is ~50 us), which delays the next exchange point and can ping-pong between the
        // workers step after step.
        int spins = 0;
        long since = 0;
        while (generation == g) {
            if (aborted) throw new IllegalStateException("aborted: another worker failed");
            if ((++spins & 15) == 0) {
                final long now = System.nanoTime();
                if (since == 0) {
                    since = now;
                } else if (now - since > 1_000_000L) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                Thread.yield();
            }
            Thread.onSpinWait();
        }
    }

    void abort() {
        aborted = true;
    }
}
