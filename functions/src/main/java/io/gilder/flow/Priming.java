package io.gilder.flow;

/** Harmless inputs for {@link Primed#prime()}: well-formed ids that name nothing. */
public final class Priming {

    public static final String INSTANCE_ID = "i-00000000000000000";
    public static final String COMMAND_ID = "00000000-0000-0000-0000-000000000000";

    private Priming() {}
}
