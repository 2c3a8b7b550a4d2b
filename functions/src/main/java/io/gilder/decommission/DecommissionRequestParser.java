package io.gilder.decommission;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.Fields;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code decommission-golden-ami} execution input, reporting every bad field by name. */
public final class DecommissionRequestParser {

    private static final Set<String> FIELDS = Set.of("productName", "productOSAndVersion", "buildVersion", "force");
    private static final Pattern BUILD_VERSION = Pattern.compile("[0-9]+(?:\\.[0-9]+){0,2}");

    private DecommissionRequestParser() {}

    /** @throws InvalidRequestException naming every missing, blank, mistyped or badly formatted field */
    public static DecommissionRequest parse(Object raw) {
        Fields in = Fields.of(raw, "request");
        in.rejectUnknown(FIELDS);
        String product = in.requiredString("productName", NamedVersion.FORMAT, NamedVersion.HINT);
        String os = in.requiredString("productOSAndVersion", NamedVersion.FORMAT,
                NamedVersion.HINT.replace("WebServer-1.2", "AmazonLinux-2023"));
        String buildVersion = in.requiredString("buildVersion", BUILD_VERSION,
                "a version of one to three dot-separated numbers, e.g. \"3\" or \"1.4.0\"");
        List<FieldProblem> problems = new ArrayList<>(in.problems());
        Object force = raw instanceof Map<?, ?> map ? map.get("force") : null;
        if (force != null && !(force instanceof Boolean)) {
            problems.add(new FieldProblem("force", "must be a JSON boolean (true or false), not " + Fields.jsonType(force)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid decommission request", problems);
        }
        NamedVersion productId = NamedVersion.parse(product);
        NamedVersion osId = NamedVersion.parse(os);
        return new DecommissionRequest(productId, osId, buildVersion, Boolean.TRUE.equals(force),
                GoldenParameters.imageParameter(osId, productId, buildVersion));
    }
}
