package io.gilder.domain;

import java.util.List;

/**
 * A build request after its format has been checked and defaults applied. Optional scripts are
 * {@code null} when not given; package lists are empty when not given.
 *
 * @param parameterName where the image will be registered once approved
 */
public record BuildRequest(
        String sourceAmiId,
        NamedVersion product,
        NamedVersion os,
        String buildVersion,
        String instanceType,
        Script preUpdateScript,
        Script postUpdateScript,
        List<String> includePackages,
        List<String> excludePackages,
        String parameterName) {}
