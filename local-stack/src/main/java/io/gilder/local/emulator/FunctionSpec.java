package io.gilder.local.emulator;

import java.time.Duration;
import java.util.Map;

/**
 * A Lambda function as the local stack runs it, taken from the SAM template.
 *
 * @param name        the function's logical id, also its local function name
 * @param handler     the template's {@code Handler} string
 * @param environment the resolved environment variables (template plus local overrides)
 */
public record FunctionSpec(String name, String handler, int memoryMb, Duration timeout, Map<String, String> environment) {}
