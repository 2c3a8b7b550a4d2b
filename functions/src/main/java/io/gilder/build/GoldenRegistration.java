package io.gilder.build;

import java.util.List;

/**
 * An approved image recorded in the registry.
 *
 * @param latest the active image ids of this account and region after the registration
 */
public record GoldenRegistration(String imageId, String parameterName, List<String> latest) {}
