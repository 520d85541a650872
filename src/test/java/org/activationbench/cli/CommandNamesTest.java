package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** No command, or a mistyped one, is a usage error: exit 2, and the nearest command where there is one. */
class CommandNamesTest {

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        CommandRun none = CommandRun.of();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("name a command") && none.err().contains("Commands:"), none.err());
        assertEquals("", none.out());
    }

    @Test
    void aMistypedCommandGetsTheNearestOne() {
        CommandRun typo = CommandRun.of("reprot", "--output", "results/quick");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean: activation-bench report?"), typo.err());
    }
}
