package dev.berth.schema.binding;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.model.Stack;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The model's records to and from JSON trees, by their components. Reading does what Jackson's data
 * binding of records does: each record through its canonical constructor, a missing or null field as
 * null (0 or false for a primitive), enums by name or by their {@link JsonProperty} value, lists and
 * maps in document order, scalars coerced as Jackson coerces them (a number into a text field, "5"
 * into a number field). Writing gives the canonical form that content hashes are computed over.
 *
 * <p>Why not Jackson: building its deserializers and serializers (introspecting the annotations,
 * creators and properties of each of the model's 50-odd records) was most of the cost of binding a
 * stack and of hashing its task definitions, 60 and 30 ms of CPU in every command that loads one,
 * where reading and writing the values takes a few; this reads each record's components once.
 */
public final class ModelJson {
    private static final ClassValue<RecordType> RECORDS = new ClassValue<>() {
        @Override
        protected RecordType computeValue(Class<?> type) {
            return RecordType.of(type);
        }
    };
    private static final ClassValue<EnumNames> ENUMS = new ClassValue<>() {
        @Override
        protected EnumNames computeValue(Class<?> type) {
            return EnumNames.of(type);
        }
    };
    private static final String MODEL = Stack.class.getPackageName();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean ignoreUnknown;

    private ModelJson(boolean ignoreUnknown) {
        this.ignoreUnknown = ignoreUnknown;
    }

    /**
     * @param ignoreUnknown whether a field the record lacks is skipped, or refused as Jackson refuses it
     * @throws BindingException the tree does not fit the type; it says where
     */
    public static <T> T bind(JsonNode tree, Class<T> type, boolean ignoreUnknown) {
        return type.cast(new ModelJson(ignoreUnknown).value(tree, type, null));
    }

    /**
     * The canonical JSON tree of a value made of the model's records and enums, text, numbers,
     * booleans, lists and maps, as {@link dev.berth.schema.canonical.CanonicalJson}'s Jackson
     * configuration writes it: a record's components by name, leaving out null and empty lists and
     * maps; map entries by key, nulls kept; enums by their JSON names. Empty for a value holding
     * anything else, which Jackson then writes: only for these types is the tree known to be what
     * Jackson writes (ModelJsonTest compares the two).
     */
    public static Optional<JsonNode> canonicalTree(Object value) {
        try {
            return Optional.of(tree(value));
        } catch (NotModel other) {
            return Optional.empty();
        }
    }

    /** Thrown without a trace: it only ends the walk of a value that is not the model's. */
    private static final class NotModel extends RuntimeException {
        static final NotModel INSTANCE = new NotModel();

        private NotModel() {
            super(null, null, false, false);
        }
    }

    private static JsonNode tree(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String text -> NODES.textNode(text);
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Boolean bool -> NODES.booleanNode(bool);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode(list.size());
                list.forEach(element -> array.add(tree(element)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((key, entry) -> sorted.put(key instanceof String name ? name : refuse(), entry));
                sorted.forEach((key, entry) -> object.set(key, tree(entry)));
                yield object;
            }
            case Enum<?> constant when model(constant.getDeclaringClass()) ->
                    NODES.textNode(ENUMS.get(constant.getDeclaringClass()).names().get(constant));
            case Record record when model(record.getClass()) -> {
                RecordType type = RECORDS.get(record.getClass());
                ObjectNode object = NODES.objectNode();
                for (int i : type.alphabetical()) {
                    Object component = type.read(record, i);
                    if (component != null && !(component instanceof Collection<?> c && c.isEmpty())
                            && !(component instanceof Map<?, ?> m && m.isEmpty())) {
                        object.set(type.names()[i], tree(component));
                    }
                }
                yield object;
            }
            default -> refuse();
        };
    }

    private static <T> T refuse() {
        throw NotModel.INSTANCE;
    }

    private static boolean model(Class<?> type) {
        return type.getPackageName().equals(MODEL);
    }

    /** Why a tree did not bind, with the JSON pointer of the value and the name of the field holding it. */
    public static final class BindingException extends RuntimeException {
        private final String pointer;
        private final String field;
        private final Long limit;

        /** @param limit for a number out of its type's range, the bound it passed; else null */
        BindingException(Path at, String message, Long limit) {
            super((at == null ? "" : at.pointer() + ": ") + message);
            this.pointer = at == null ? "" : at.pointer();
            this.field = at == null ? "value" : at.field();
            this.limit = limit;
        }

        public String pointer() {
            return pointer;
        }

        /** The innermost field name on the way to the value ("value" at the top). */
        public String field() {
            return field;
        }

        /**
         * For a number too large (or too small) for the Java type that holds it, which the schema
         * cannot say, the most (or least) that type holds; else null.
         */
        public Long limit() {
            return limit;
        }
    }

    /** Where a value is; only turned into text when a value does not bind. */
    private record Path(Path parent, String name, int index) {
        String pointer() {
            String segment = name != null ? name.replace("~", "~0").replace("/", "~1") : Integer.toString(index);
            return (parent == null ? "" : parent.pointer()) + "/" + segment;
        }

        String field() {
            for (Path p = this; p != null; p = p.parent) {
                if (p.name != null) {
                    return p.name;
                }
            }
            return "value";
        }
    }

    private Object value(JsonNode node, Type type, Path at) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (node == null || node.isNull()) {
                return null;
            }
            if (raw == List.class) {
                if (!node.isArray()) {
                    throw new BindingException(at, "expected a list, found " + node.getNodeType(), null);
                }
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(value(node.get(i), arguments[0], new Path(at, null, i)));
                }
                return list;
            }
            if (raw == Map.class && arguments[0] == String.class) {
                if (!node.isObject()) {
                    throw new BindingException(at, "expected a map, found " + node.getNodeType(), null);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue(), arguments[1],
                        new Path(at, e.getKey(), -1))));
                return map;
            }
            throw new IllegalArgumentException("the model binder does not bind " + type);
        }
        Class<?> target = (Class<?>) type;
        if (target.isPrimitive()) {
            Object boxed = scalar(node, target, at);
            // The model's only primitives are int and boolean.
            return boxed != null ? boxed : target == boolean.class ? Boolean.FALSE : Integer.valueOf(0);
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (target.isRecord()) {
            return record(node, RECORDS.get(target), at);
        }
        if (target.isEnum()) {
            Object constant = node.isTextual() ? ENUMS.get(target).constants().get(node.textValue()) : null;
            if (constant == null) {
                throw new BindingException(at, node + " is not one of " + ENUMS.get(target).constants().keySet(),
                        null);
            }
            return constant;
        }
        return scalar(node, target, at);
    }

    private Object record(JsonNode node, RecordType type, Path at) {
        if (!node.isObject()) {
            throw new BindingException(at, "expected an object, found " + node.getNodeType(), null);
        }
        if (!ignoreUnknown) {
            node.fieldNames().forEachRemaining(name -> {
                if (!type.index().containsKey(name)) {
                    throw new BindingException(at, "unknown field \"" + name + "\" in " + type.name(), null);
                }
            });
        }
        Object[] arguments = new Object[type.names().length];
        for (int i = 0; i < arguments.length; i++) {
            String name = type.names()[i];
            arguments[i] = value(node.get(name), type.types()[i], new Path(at, name, -1));
        }
        try {
            return type.constructor().newInstance(arguments);
        } catch (InvocationTargetException e) {
            // A compact constructor refused the values: a fault of the model, not of the document.
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null for a missing or null node. */
    private static Object scalar(JsonNode node, Class<?> target, Path at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (target == String.class) {
            if (!node.isValueNode()) {
                throw new BindingException(at, "expected text, found " + node.getNodeType(), null);
            }
            return node.asText();
        }
        if (target == Boolean.class || target == boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
                return Boolean.valueOf(node.textValue());
            }
            throw new BindingException(at, node + " is not a boolean", null);
        }
        if (target == Integer.class || target == int.class || target == Long.class) {
            boolean isInt = target == Integer.class || target == int.class;
            JsonNode number = node;
            if (node.isTextual()) {
                try {
                    number = NODES.numberNode(new BigDecimal(node.textValue().strip()));
                } catch (NumberFormatException e) {
                    throw new BindingException(at, node + " is not a number", null);
                }
            }
            if (!number.isNumber()) {
                throw new BindingException(at, node + " is not a number", null);
            }
            if (isInt ? !number.canConvertToInt() : !number.canConvertToLong()) {
                boolean negative = number.decimalValue().signum() < 0;
                long limit = isInt ? negative ? Integer.MIN_VALUE : Integer.MAX_VALUE
                        : negative ? Long.MIN_VALUE : Long.MAX_VALUE;
                throw new BindingException(at, node + " is out of range", limit);
            }
            // A fraction is dropped, as Jackson drops it (the schema has refused it before).
            return isInt ? (Object) number.intValue() : (Object) number.longValue();
        }
        if (target == Double.class) {
            if (node.isNumber()) {
                return node.doubleValue();
            }
            if (node.isTextual()) {
                try {
                    return Double.valueOf(node.textValue().strip());
                } catch (NumberFormatException e) {
                    throw new BindingException(at, node + " is not a number", null);
                }
            }
            throw new BindingException(at, node + " is not a number", null);
        }
        throw new IllegalArgumentException("the model binder does not bind " + target.getName());
    }

    /** A record's components, by position and by name, its canonical constructor and its accessors. */
    private record RecordType(String name, String[] names, Type[] types, Map<String, Integer> index,
                              Constructor<?> constructor, Method[] accessors, int[] alphabetical) {
        static RecordType of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Type[] types = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            Method[] accessors = new Method[components.length];
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getGenericType();
                raw[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                index.put(names[i], i);
            }
            int[] alphabetical = IntStream.range(0, names.length).boxed()
                    .sorted(Comparator.comparing(i -> names[i])).mapToInt(Integer::intValue).toArray();
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(raw);
                constructor.setAccessible(true);
                return new RecordType(type.getSimpleName(), names, types, index, constructor, accessors, alphabetical);
            } catch (NoSuchMethodException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        Object read(Record record, int component) {
            try {
                return accessors[component].invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An enum's constants by their JSON names (the {@link JsonProperty} value, else the name), and back. */
    private record EnumNames(Map<String, Object> constants, Map<Object, String> names) {
        static EnumNames of(Class<?> type) {
            Map<String, Object> constants = new HashMap<>();
            Map<Object, String> names = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                try {
                    JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                    constants.put(property != null ? property.value() : name, constant);
                    names.put(constant, property != null ? property.value() : name);
                } catch (NoSuchFieldException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            return new EnumNames(constants, names);
        }
    }
}
