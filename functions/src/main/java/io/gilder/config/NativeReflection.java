package io.gilder.config;

import io.gilder.domain.BuildRequest;
import io.gilder.domain.ImageFacts;
import io.gilder.domain.NamedVersion;
import io.gilder.domain.Script;
import io.gilder.domain.ValidatedBuild;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes at the Lambda boundary. A native image keeps no reflection data
 * unless told; the JVM build ignores this. Add each new handler input/output type (and the types
 * nested in it) here; the domain itself stays free of framework annotations.
 */
@RegisterForReflection(targets = {ValidatedBuild.class, BuildRequest.class, NamedVersion.class, Script.class,
        Script.Kind.class, ImageFacts.class, io.gilder.domain.ScanPolicy.class,
        io.gilder.domain.BuildSettings.class, io.gilder.domain.WaitProgress.class})
public final class NativeReflection {

    private NativeReflection() {}
}
