package org.activationbench.executor;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a training JVM's native memory within its budget. ND4J frees an array's native memory only after the garbage
 * collector has found the array's Java objects unreachable, and those objects are small. A training step through
 * Deeplearning4j's own layers (its {@code BatchNormalization} above all) leaves thousands of them; those that were
 * alive at a young collection move to the old generation, which G1 collects only when the heap itself fills, and
 * neither the heap nor JavaCPP's {@code maxbytes} counts the native memory they hold. An MLP grid with batch
 * normalisation grew by about 280 MB per trial that way, to 10 GB after 34 trials.
 *
 * <p>Once a second this guard reads the JVM's resident set; when what lies outside the committed heap exceeds the
 * budget (JavaCPP's {@code maxbytes}, the off-heap room each launcher gives), and has grown by an eighth of the budget
 * since the last collection it asked for, it asks for one. With {@code -XX:+ExplicitGCInvokesConcurrent}
 * (conf/jvm/natives) that is a concurrent cycle, so the trials are not stopped. A few seconds later, when ND4J has
 * freed what the cycle found, it asks the C library to return its free memory to the system (the JDK's {@code
 * System.trim_native_heap}, where the JDK has it): glibc keeps freed memory for later allocations, and the many small
 * arrays leave it too fragmented to reuse.
 */
final class NativeMemoryGuard {

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryGuard.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long MIB = 1L << 20;

    private final long budgetMiB;
    /** Resident set when the last collection was asked for; growth is measured from it. */
    private long residentAtLastCollection;

    NativeMemoryGuard(long budgetMiB) {
        this.budgetMiB = budgetMiB;
    }

    /** Starts this JVM's guard, once; a JVM where /proc is not readable gets none. */
    static void startOnce() {
        if (ResidentMemory.currentMiB() < 0 || !STARTED.compareAndSet(false, true)) {
            return;
        }
        NativeMemoryGuard guard = new NativeMemoryGuard(Math.max(256, Pointer.maxBytes() / MIB));
        Thread t = new Thread(guard::watch, "native memory guard");
        t.setDaemon(true);
        t.start();
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long resident = ResidentMemory.currentMiB();
            long heap = Runtime.getRuntime().totalMemory() / MIB;
            if (shouldCollect(resident, heap)) {
                LOG.debug("native memory: {} MiB resident, {} MiB outside a {} MiB heap; collecting", resident,
                        resident - heap, heap);
                System.gc();
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    return;
                }
                trimNativeHeap();
                afterCollection(ResidentMemory.currentMiB());
            }
        }
    }

    /** Returns the C library's free memory to the system; nothing where the JDK lacks the command (before 17.0.9). */
    private static void trimNativeHeap() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap", new Object[] {null}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            LOG.debug("native memory: the C library's free memory stays with the JVM ({})", e.toString());
        }
    }

    /** Growth is measured from the resident set after a collection and a trim, when it is lowest. */
    void afterCollection(long residentMiB) {
        if (residentMiB >= 0) {
            residentAtLastCollection = Math.min(residentAtLastCollection, residentMiB);
        }
    }

    /**
     * Whether to ask for a collection now, given the resident set and the committed heap in MiB; remembers the resident
     * set when it answers yes.
     */
    boolean shouldCollect(long residentMiB, long committedHeapMiB) {
        boolean over = residentMiB - committedHeapMiB > budgetMiB;
        boolean grown = residentMiB - residentAtLastCollection >= budgetMiB / 8;
        if (over && grown) {
            residentAtLastCollection = residentMiB;
            return true;
        }
        return false;
    }
}
