package io.gilder.config;

import io.gilder.domain.ComplianceReport;
import io.gilder.handler.ConfigRuleEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of the compliance rule, for native images (see {@link NativeReflection}). */
@RegisterForReflection(targets = {ConfigRuleEvent.class, ComplianceReport.class})
public final class ComplianceReflection {

    private ComplianceReflection() {}
}
