package io.gilder.config;

import io.gilder.compliance.ComplianceReport;
import io.gilder.compliance.ConfigRuleEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of the compliance rule, for native images (see {@link NativeReflection}). */
@RegisterForReflection(targets = {ConfigRuleEvent.class, ComplianceReport.class})
public final class ComplianceReflection {

    private ComplianceReflection() {}
}
