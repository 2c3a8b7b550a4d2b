package io.gilder.compliance;


/** Reads the active golden AMIs ({@code /GoldenAMI/latest}) of the account and region the function runs in. */
public interface GoldenImageSource {

    /**
     * Never throws for a missing or unreadable list: the answer then says what was wrong, and the rule
     * reports it on every instance instead of failing the run.
     */
    GoldenImageSet read();
}
