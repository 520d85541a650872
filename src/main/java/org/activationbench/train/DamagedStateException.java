package org.activationbench.train;

import java.io.IOException;

/**
 * A saved state whose bytes are not those that were written: its checksum does not match, it is cut short, or it does
 * not parse. Unlike a {@link ForeignStateException}, the file is evidence of a fault, to be set aside, not passed over.
 */
public final class DamagedStateException extends IOException {
    public DamagedStateException(String message) {
        super(message);
    }
}
