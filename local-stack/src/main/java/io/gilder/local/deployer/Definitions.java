package io.gilder.local.deployer;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code DefinitionSubstitutions} as CloudFormation applies them to a state machine definition. */
public final class Definitions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private Definitions() {}

    /** The names of every {@code ${Name}} placeholder in a definition. */
    public static Set<String> placeholders(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(definition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * @throws IllegalArgumentException when the definition uses a placeholder the substitutions lack
     */
    public static String substitute(String definition, Map<String, String> substitutions, String name) {
        Set<String> missing = new TreeSet<>(placeholders(definition));
        missing.removeAll(substitutions.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + " uses " + missing + " but its DefinitionSubstitutions do not provide them");
        }
        Matcher m = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(substitutions.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
