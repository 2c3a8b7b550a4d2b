package io.gilder.handler;

/** Harmless inputs for {@link Primed#prime()}: well-formed ids that name nothing. */
final class Priming {

    static final String INSTANCE_ID = "i-00000000000000000";
    static final String COMMAND_ID = "00000000-0000-0000-0000-000000000000";

    private Priming() {}
}
