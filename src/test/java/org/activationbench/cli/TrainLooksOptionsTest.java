package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** train's look options: a bad value exits 2 with a message naming the option and its value, before any data is read. */
class TrainLooksOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--looks-per-epoch -1                    | train: --looks-per-epoch: -1 is not a whole number >= 0 (0: no looks",
            "--looks-per-epoch 10 --look-examples 0  | train: --look-examples: 0 is not a positive whole number of examples"})
    void aBadLookOptionIsRefused(String options, String message) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute(("train --data no-such-folder " + options.strip()).split(" "));
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains(message), captured.toString(StandardCharsets.UTF_8));
    }
}
