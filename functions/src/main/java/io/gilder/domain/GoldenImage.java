package io.gilder.domain;

/**
 * A registered golden image as the distribution and decommission workflows pass it along.
 *
 * @param parameterName its {@code /GoldenAMI/<os>/<product>/<version>} parameter
 */
public record GoldenImage(String imageId, String parameterName, NamedVersion product, NamedVersion os, String buildVersion) {}
