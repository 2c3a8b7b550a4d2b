package io.gilder.config;

import io.gilder.build.BuildRequest;
import io.gilder.build.ImageFacts;
import io.gilder.build.Script;
import io.gilder.build.ValidatedBuild;
import io.gilder.registry.NamedVersion;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes at the Lambda boundary. A native image keeps no reflection data
 * unless told; the JVM build ignores this. Add each new handler input/output type (and the types
 * nested in it) here; the domain itself stays free of framework annotations.
 */
@RegisterForReflection(targets = {ValidatedBuild.class, BuildRequest.class, NamedVersion.class, Script.class,
        Script.Kind.class, ImageFacts.class, io.gilder.build.ScanPolicy.class,
        io.gilder.build.BuildSettings.class, io.gilder.flow.WaitProgress.class})
public final class NativeReflection {

    private NativeReflection() {}
}
