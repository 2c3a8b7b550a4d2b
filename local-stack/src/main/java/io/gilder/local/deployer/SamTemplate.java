package io.gilder.local.deployer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation/SAM template as plain maps and lists. Short-form intrinsics are read as their
 * long forms ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes
 * {@code {Fn::GetAtt: [A, B]}}), so the local stack sees exactly what CloudFormation sees.
 */
public final class SamTemplate {

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        try {
            Map<String, Object> root = new Yaml(new IntrinsicsConstructor()).load(Files.readString(file));
            return new SamTemplate(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    public Path directory() {
        return file.toAbsolutePath().getParent();
    }

    public Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, Map.of()));
    }

    /** Resources of one type, by logical id, in template order. */
    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        section("Resources").forEach((id, body) -> {
            if (type.equals(map(body).get("Type"))) {
                found.put(id, map(body));
            }
        });
        return found;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(map(section("Resources").get(logicalId)).getOrDefault("Properties", Map.of()));
    }

    /** {@code Globals.Function} merged under a function's own properties, as SAM does (environment variables merge by key). */
    public Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> merged = new LinkedHashMap<>(map(map(section("Globals").get("Function"))));
        Map<String, Object> own = properties(logicalId);
        own.forEach((key, value) -> {
            if (key.equals("Environment") && merged.get(key) != null) {
                Map<String, Object> variables = new LinkedHashMap<>(map(map(merged.get(key)).get("Variables")));
                variables.putAll(map(map(value).get("Variables")));
                merged.put(key, Map.of("Variables", variables));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Reads {@code !Name value} as {@code {Fn::Name: value}} ({@code !Ref} and {@code !Condition} keep their bare names). */
    private static final class IntrinsicsConstructor extends SafeConstructor {

        IntrinsicsConstructor() {
            super(new LoaderOptions());
            for (String name : List.of("Ref", "Condition", "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue",
                    "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length")) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic(name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String name) {
                this.key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    value = key.equals("Fn::GetAtt") ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
