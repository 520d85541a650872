package org.activationbench.cli;

/**
 * The trials Spark's task threads train in this JVM. A cancelled job's tasks run on in local mode until their trial ends (Spark does
 * not interrupt them), so a test waits for them before it runs the same trials again.
 */
final class Tasks {

    private Tasks() {}

    static void awaitNone() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Thread.getAllStackTraces().values().stream().anyMatch(stack -> java.util.Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().equals("org.activationbench.executor.TrialTask")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Spark tasks still running after 2 minutes");
            }
            Thread.sleep(50);
        }
    }
}
