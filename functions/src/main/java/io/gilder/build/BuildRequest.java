package io.gilder.build;

import io.gilder.registry.NamedVersion;
import java.util.List;

/**
 * A build request after its format has been checked and defaults applied. Optional scripts are
 * {@code null} when not given; package lists are empty when not given.
 *
 * @param includePackages      packages the OS update is limited to (empty: update everything)
 * @param excludePackages      packages the OS update never touches
 * @param scanner              {@code qualys}, {@code tenable}, {@code inspector} or {@code none}
 * @param approvalTimeoutSeconds how long the approval link is valid; no answer counts as a denial
 * @param parameterName        where the image will be registered once approved
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
        String scanner,
        ScanPolicy scanPolicy,
        long approvalTimeoutSeconds,
        String parameterName) {}
