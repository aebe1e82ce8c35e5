package dev.dataemulator.declarative.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;
import net.datafaker.providers.base.AbstractProvider;

/**
 * A Datafaker expression such as {@code "#{Name.fullName} <#{Internet.emailAddress}>"}, resolved once at load:
 * each {@code #{Provider.method}} without arguments becomes a method handle bound to a worker's Faker (no expression
 * parsing or reflective lookup per record); other directives (with arguments) go through
 * {@link Faker#expression(String)}. Every directive is evaluated once at load so that a bad one is reported before
 * anything runs. Immutable and thread-safe.
 */
final class FakerExpression {
    private static final Map<String, Method> PROVIDERS = providers();

    private final String text;
    private final Object[] parts; // String literal or Call
    final Locale locale;

    /** One {@code #{...}} directive. */
    static final class Call {
        final int id;
        final String directive;
        final Method provider;
        final Method method;
        Locale locale = Locale.ENGLISH;

        Call(int id, String directive, Method provider, Method method) {
            this.id = id;
            this.directive = directive;
            this.provider = provider;
            this.method = method;
        }

        MethodHandle bind(Faker faker) {
            if (provider == null) {
                return null;
            }
            try {
                Object instance = provider.invoke(faker);
                return MethodHandles.publicLookup().unreflect(method).bindTo(instance);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot bind " + directive, e);
            }
        }

        String evaluate(Worker worker, Faker faker) {
            MethodHandle handle = provider == null ? null : worker.bound(this);
            if (handle == null) {
                return faker.expression(directive);
            }
            try {
                return String.valueOf((Object) handle.invoke());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(directive + " failed", e);
            }
        }
    }

    private FakerExpression(String text, Object[] parts, Locale locale) {
        this.text = text;
        this.parts = parts;
        this.locale = locale;
        for (Object part : parts) {
            if (part instanceof Call) {
                ((Call) part).locale = locale;
            }
        }
    }

    /**
     * Parses and checks {@code text}.
     *
     * @param nextId the next free call id; updated
     * @throws IllegalArgumentException with what was expected (and a suggestion after {@code |}) when a directive
     *     cannot be resolved
     */
    static FakerExpression compile(String text, int[] nextId, Locale locale) {
        List<Object> parts = new ArrayList<>();
        int at = 0;
        boolean directives = false;
        while (at < text.length()) {
            int start = text.indexOf("#{", at);
            if (start < 0) {
                parts.add(text.substring(at));
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("a closing '}' for the directive at index " + start + "|");
            }
            if (start > at) {
                parts.add(text.substring(at, start));
            }
            directives = true;
            parts.add(call(text.substring(start, end + 1), nextId));
            at = end + 1;
        }
        if (!directives) {
            throw new IllegalArgumentException("a Datafaker expression with at least one #{Provider.method} directive, "
                    + "e.g. \"#{Name.fullName}\" (use constant for fixed text)|");
        }
        FakerExpression expression = new FakerExpression(text, parts.toArray(), locale);
        expression.check();
        return expression;
    }

    private static Call call(String directive, int[] nextId) {
        String body = directive.substring(2, directive.length() - 1).strip();
        int dot = body.indexOf('.');
        boolean simple = dot > 0 && body.indexOf(' ') < 0 && body.indexOf('\'') < 0;
        if (simple) {
            String providerName = body.substring(0, dot);
            String methodName = body.substring(dot + 1);
            Method provider = PROVIDERS.get(normal(providerName));
            if (provider == null) {
                throw new IllegalArgumentException("a Datafaker provider such as Name, Internet, Address ('"
                        + providerName + "' is not one)|" + capitalized(suggestion(providerName, PROVIDERS)));
            }
            Map<String, Method> methods = methods(provider.getReturnType());
            Method method = methods.get(normal(methodName));
            if (method == null) {
                throw new IllegalArgumentException("a method of Datafaker's " + provider.getReturnType().getSimpleName()
                        + " without arguments ('" + methodName + "' is not one)|" + suggestion(methodName,
                        methods));
            }
            return new Call(nextId[0]++, directive, provider, method);
        }
        return new Call(nextId[0]++, directive, null, null);
    }

    /** @return the real name of the method closest to {@code name}, or the empty string */
    private static String suggestion(String name, Map<String, Method> byNormalName) {
        String best = Problems.suggest(normal(name), byNormalName.keySet());
        return best == null ? "" : byNormalName.get(best).getName();
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Evaluates every directive once on a throw-away Faker, so that a failure shows at load. */
    private void check() {
        Faker faker = new Faker(locale, new Random(0));
        for (Object part : parts) {
            if (part instanceof Call) {
                Call call = (Call) part;
                try {
                    Object value = call.provider == null ? faker.expression(call.directive)
                            : call.method.invoke(call.provider.invoke(faker));
                    if (value == null) {
                        throw new IllegalArgumentException("a directive that makes a value ('" + call.directive
                                + "' made null)|");
                    }
                } catch (IllegalArgumentException e) {
                    throw e;
                } catch (Exception e) {
                    Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
                    throw new IllegalArgumentException("a resolvable Datafaker expression ('" + call.directive
                            + "' failed: " + cause.getMessage() + ")|");
                }
            }
        }
    }

    /** @return the expression's value for the worker's Faker, reseeded with {@code seed} */
    String evaluate(Worker worker, long seed) {
        Faker faker = worker.faker(locale, seed);
        if (parts.length == 1) {
            return ((Call) parts[0]).evaluate(worker, faker);
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Call ? ((Call) part).evaluate(worker, faker) : (String) part);
        }
        return out.toString();
    }

    /** @return the expression's value on a dedicated Faker (pools made at emulation start) */
    String evaluate(Faker faker) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Call) {
                Call call = (Call) part;
                try {
                    out.append(call.provider == null ? faker.expression(call.directive)
                            : String.valueOf(call.method.invoke(call.provider.invoke(faker))));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(call.directive + " failed", e);
                }
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String normal(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Method> providers() {
        Map<String, Method> found = new LinkedHashMap<>();
        for (Method method : Faker.class.getMethods()) {
            if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && AbstractProvider.class.isAssignableFrom(method.getReturnType())) {
                found.putIfAbsent(normal(method.getName()), method);
            }
        }
        return found;
    }

    private static Map<String, Method> methods(Class<?> providerType) {
        Map<String, Method> found = new LinkedHashMap<>();
        for (Method method : providerType.getMethods()) {
            if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() != void.class && method.getDeclaringClass() != Object.class) {
                found.putIfAbsent(normal(method.getName()), method);
            }
        }
        return found;
    }
}
