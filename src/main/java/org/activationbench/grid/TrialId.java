package org.activationbench.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a trial: its canonical form (every field that changes its numbers, a setting at its default left
 * out so that ids from before it existed stay valid) and a hash of it, the same on every machine and in every grid.
 */
final class TrialId {

    private TrialId() {}

    /** Every field of {@code c}, in a fixed order and number format; the input to {@link #of}. */
    static String canonical(TrialConfig c) {
        return "dataset=" + c.dataset()
                + ";architecture=" + c.architecture()
                + ";activation=" + c.activation()
                + ";alpha=" + (c.alpha() == null ? "none" : TrialConfig.number(c.alpha()))
                + ";checkpoints=" + c.checkpoints().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow()
                + ";optimizer=" + c.optimizer()
                + ";learning_rate=" + TrialConfig.number(c.learningRate())
                + ";batch_size=" + c.batchSize()
                + ";weight_init=" + c.weightInit()
                // Settings at their defaults add nothing, so trial ids from before they existed stay valid.
                + c.condition().canonical()
                + (c.trainExamples() == 0 ? "" : ";train_examples=" + c.trainExamples())
                + c.strategy().canonical()
                // The default engine adds nothing, so trial ids from before the switch existed stay valid.
                + (c.engine() == Engine.FAST ? "" : ";engine=" + c.engine().label())
                // Likewise a grid without a validation split adds nothing; the stage is a label, never part of the id.
                + (c.validation() == null ? "" : c.validation().canonical())
                + c.looks().canonical()
                + ";seed=" + c.seed();
    }

    /** The first 16 hex digits of the SHA-256 of {@code c}'s canonical form. */
    static String of(TrialConfig c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(c).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
