package io.gilder.rescan;

import java.util.Map;

/** Reads whole branches of Parameter Store, e.g. every {@code /GoldenAMI/<os>/<product>/<version>}. */
public interface ParameterTree {

    /**
     * Every parameter under {@code path}, at any depth, name to value, reading every page.
     *
     * @return empty when there is none
     * @throws io.gilder.error.GilderException when a read fails
     */
    Map<String, String> findAllUnder(String path);
}
