package io.gilder.build;

import java.util.Optional;

/** Whether this stack is set up to scan with a given scanner, asked before a build creates anything. */
@FunctionalInterface
public interface ScannerSetup {

    /**
     * @param scanner {@code qualys}, {@code tenable}, {@code inspector} or {@code none}
     * @return what the stack lacks for it, named as stack parameters; empty when nothing is missing
     */
    Optional<String> missingSettings(String scanner);
}
