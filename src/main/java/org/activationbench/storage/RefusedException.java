package org.activationbench.storage;

/** A problem with the command's input (a grid, an option, a folder in the way), found before any work; nothing is written. */
public final class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}
