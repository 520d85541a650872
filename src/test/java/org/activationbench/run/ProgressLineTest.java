package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.executor.HandOverFiles;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.MadeUpRecords;
import org.activationbench.train.TrialStatus;
import org.junit.jupiter.api.Test;

/**
 * The progress line: running trials and their epochs, the estimate from measured rates (later rounds' trials
 * included), one line in a log, no Spark.
 */
class ProgressLineTest {

    private static TrialConfig trial(long seed) {
        return new TrialConfig("mnist", "mlp", "relu", null, seed, List.of(5, 10), "adam", 1e-3, 32, "xavier");
    }

    @Test
    void runningTrialsTheirEpochsAndTheTimeLeft() {
        RunningTrials trials = new RunningTrials();
        List<TrialConfig> three = List.of(trial(0), trial(1), trial(2));
        trials.submitted(three);
        assertEquals(Optional.empty(), trials.eta(2, 3), "no rate measured yet");
        trials.progressed(trial(0).trialId(), new HandOverFiles.Progress("a", 4, 10, 2.0));
        trials.progressed(trial(1).trialId(), new HandOverFiles.Progress("b", 6, 10, 2.0));
        trials.progressed("0123456789abcdef", new HandOverFiles.Progress("c", 9, 10, 9.0));   // not submitted: ignored
        assertEquals(2, trials.running());
        assertEquals("epochs 4-6 of 10", trials.epochRange());
        // 6 + 4 + 10 epochs left at 2 s each, two at a time: 20 s (the slowest running trial needs only 12 s).
        assertEquals(Optional.of(Duration.ofSeconds(20)), trials.eta(2, 3));
        // One trial at a time: 40 s.
        assertEquals(Optional.of(Duration.ofSeconds(40)), trials.eta(1, 3));

        // Trial 0 lands after 10 epochs in 1 s of task time (MadeUpRecords: task seconds 1.0), so mlp's rate becomes
        // (1 + 2 * 6) / (10 + 6) s per epoch; left: trial 1's 4 epochs and trial 2's 10, two at a time.
        trials.landed(MadeUpRecords.attempt(trial(0), TrialStatus.OK, 0.9, 10, Instant.now()));
        assertEquals(1, trials.running());
        assertEquals("epoch 6 of 10", trials.epochRange());
        double rate = 13.0 / 16;
        assertEquals(Optional.of(Duration.ofSeconds(Math.round(14 * rate / 2))), trials.eta(2, 2));
        // A later round's 3 trials, not submitted yet, each cost an average submitted trial's 10 epochs.
        assertEquals(Optional.of(Duration.ofSeconds(Math.round((14 + 3 * 10) * rate / 2))), trials.eta(2, 5));
    }

    @Test
    void aStartedTaskIsRunningBeforeItsFirstProgressFile() {
        RunningTrials trials = new RunningTrials();
        trials.submitted(List.of(trial(0), trial(1)));
        trials.started(trial(0).trialId());
        trials.started(trial(1).trialId());
        assertEquals(2, trials.running());
        assertEquals("", trials.epochRange(), "no epoch known yet");
        assertEquals(Optional.empty(), trials.eta(2, 2), "no rate measured yet");
        trials.progressed(trial(1).trialId(), new HandOverFiles.Progress("b", 2, 10, 3.0));
        assertEquals("epoch 2 of 10", trials.epochRange());
        // 10 + 8 epochs left at 3 s, two at a time, is 27 s, but trial 0 alone needs its 10 epochs: 30 s.
        assertEquals(Optional.of(Duration.ofSeconds(30)), trials.eta(2, 2));
        trials.stopped(trial(0).trialId());   // its task was lost; Spark retries it
        assertEquals(1, trials.running());
    }

    @Test
    void aLogGetsPlainLinesAndAFailureAtOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunningTrials trials = new RunningTrials();
        trials.submitted(List.of(trial(0), trial(1), trial(2), trial(3)));
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4, false, trials, 2);
        trials.progressed(trial(0).trialId(), new HandOverFiles.Progress("a", 3, 10, 1.0));
        trials.progressed(trial(1).trialId(), new HandOverFiles.Progress("b", 7, 10, 1.0));
        bar.refresh();   // within 30 s of the start and no new decile: nothing
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        trials.landed(MadeUpRecords.attempt(trial(2), TrialStatus.FAILED, 0.5, 1, Instant.now()));
        bar.advance(1, 1, 0);
        bar.note("FAILED mlp relu seed 2: made up");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r"), "no carriage returns in a log");
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        assertTrue(lines.get(0).contains("1/4 trials done, 2 running (epochs 3-7 of 10), 1 left, 1 failed, 0 diverged"), lines.get(0));
        assertEquals("FAILED mlp relu seed 2: made up", lines.get(1));
    }

    @Test
    void aTerminalRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, true);
        bar.advance(1, 0, 0);
        bar.refresh();
        bar.advance(1, 0, 0);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.chars().filter(c -> c == '\r').count());
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, ended once all trials are done");
        assertTrue(out.endsWith("\n"));
        assertTrue(out.contains("2/2 trials done, 0 running, 0 left"), out);
    }
}
