package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsic functions a Gilder template uses, against the local stack's
 * parameter values and physical resource names. Anything else fails loudly, naming where it stands,
 * so the local stack never silently diverges from what CloudFormation would do.
 */
final class Intrinsics {

    /** Physical names and attributes of resources the local stack created. */
    interface Resources {
        String ref(String logicalId);

        String getAtt(String logicalId, String attribute);
    }

    /** Resources named, not created (template tests): a reference resolves to {@code ref:<id>}, an attribute to {@code att:<id>.<name>}. */
    static final Resources PLACEHOLDERS = new Resources() {
        @Override
        public String ref(String logicalId) {
            return "ref:" + logicalId;
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return "att:" + logicalId + "." + attribute;
        }
    };

    /** The template's parameter defaults (empty where none), {@code values} over them, and its conditions. */
    static Intrinsics withDefaults(SamTemplate template, Map<String, String> values, Resources resources) {
        Map<String, String> parameters = new java.util.HashMap<>();
        template.section("Parameters").forEach((name, body) -> {
            Object fallback = SamTemplate.map(body).get("Default");
            parameters.put(name, fallback == null ? "" : String.valueOf(fallback));
        });
        parameters.putAll(values);
        return new Intrinsics(parameters, template.section("Conditions"), resources);
    }

    /** {@code !Ref AWS::NoValue}: the property, map entry or list item holding it is left out, as CloudFormation does. */
    private static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, String> parameters;
    private final Map<String, Object> conditions;
    private final Resources resources;

    Intrinsics(Map<String, String> parameters, Map<String, Object> conditions, Resources resources) {
        this.parameters = parameters;
        this.conditions = conditions;
        this.resources = resources;
    }

    /** The value with every intrinsic resolved; {@code where} names it in errors, e.g. {@code Resources.X.Properties.Y}. */
    Object resolve(Object value, String where) {
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Object item = resolve(items.get(i), where + "[" + i + "]");
                if (item != NO_VALUE) {
                    out.add(item);
                }
            }
            return out;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        Map<String, Object> node = map(raw);
        if (node.size() == 1) {
            String fn = node.keySet().iterator().next();
            Object arg = node.get(fn);
            switch (fn) {
                case "Ref": return "AWS::NoValue".equals(arg) ? NO_VALUE : ref((String) arg, where);
                case "Fn::GetAtt": return getAtt(arg, where);
                case "Fn::Sub": return sub(arg, where);
                case "Fn::Join": return join(arg, where);
                case "Fn::Select": return list(resolve(list(arg).get(1), where)).get(Integer.parseInt(String.valueOf(resolve(list(arg).get(0), where))));
                case "Fn::GetAZs": return List.of(region() + "a", region() + "b", region() + "c");
                case "Fn::If": return condition(String.valueOf(list(arg).get(0)), where) ? resolve(list(arg).get(1), where) : resolve(list(arg).get(2), where);
                default:
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalStateException("The local stack cannot resolve " + fn + " at " + where + "; teach io.gilder.local.deployer.Intrinsics");
                    }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        node.forEach((k, v) -> {
            Object resolved = resolve(v, where + "." + k);
            if (resolved != NO_VALUE) {
                out.put(k, resolved);
            }
        });
        return out;
    }

    String string(Object value, String where) {
        return String.valueOf(resolve(value, where));
    }

    boolean condition(String name, String where) {
        Object body = conditions.get(name);
        if (body == null) {
            throw new IllegalStateException("Unknown condition " + name + " at " + where);
        }
        return evaluate(body, "Conditions." + name);
    }

    String region() {
        return parameters.get("AWS::Region");
    }

    private boolean evaluate(Object body, String where) {
        Map<String, Object> node = map(body);
        String fn = node.keySet().iterator().next();
        List<Object> args = fn.equals("Condition") ? List.of() : list(node.get(fn));
        return switch (fn) {
            case "Fn::Equals" -> String.valueOf(resolve(args.get(0), where)).equals(String.valueOf(resolve(args.get(1), where)));
            case "Fn::Not" -> !evaluate(args.get(0), where);
            case "Fn::And" -> args.stream().allMatch(a -> evaluate(a, where));
            case "Fn::Or" -> args.stream().anyMatch(a -> evaluate(a, where));
            case "Condition" -> condition(String.valueOf(node.get(fn)), where);
            default -> throw new IllegalStateException("Unsupported condition function " + fn + " at " + where);
        };
    }

    private String ref(String name, String where) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (name.endsWith(".Alias")) {
            return resources.getAtt(name.substring(0, name.length() - ".Alias".length()), "Arn") + ":live";
        }
        return resources.ref(name);
    }

    private String getAtt(Object arg, String where) {
        List<Object> parts = list(arg);
        return resources.getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
    }

    private String sub(Object arg, String where) {
        String template;
        Map<String, Object> variables = Map.of();
        if (arg instanceof String text) {
            template = text;
        } else {
            template = (String) list(arg).get(0);
            variables = map(list(arg).get(1));
        }
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (variables.containsKey(name)) {
                value = string(variables.get(name), where);
            } else if (name.contains(".") && !parameters.containsKey(name)) {
                value = resources.getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
            } else {
                value = ref(name, where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String join(Object arg, String where) {
        List<Object> parts = list(arg);
        List<String> values = new ArrayList<>();
        Object items = resolve(parts.get(1), where);
        // Parameters are kept as text, so a CommaDelimitedList parameter arrives here as "a,b".
        List<?> itemList = items instanceof String text ? (text.isEmpty() ? List.of() : List.of(text.split(","))) : list(items);
        for (Object item : itemList) {
            values.add(String.valueOf(item));
        }
        return String.join(String.valueOf(parts.get(0)), values);
    }
}
