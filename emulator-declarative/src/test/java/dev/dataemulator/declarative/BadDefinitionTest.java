package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainProvider;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every rejection of docs/BAD-INPUT.md's "Declarative domains" section, one case per row (the row number first). */
class BadDefinitionTest {

    /** A definition with a finite domain 'p' (fields id, name, maybe) and domain 'd' holding {@code fields}. */
    static String withFields(String... fields) {
        StringBuilder yaml = new StringBuilder("version: 1\n"
                + "domains:\n"
                + "  p:\n"
                + "    count: 100\n"
                + "    fields:\n"
                + "      id: {sequence: {}}\n"
                + "      name: {constant: x}\n"
                + "      maybe: {int: {}, null_rate: 0.5}\n"
                + "  d:\n"
                + "    count: 100\n"
                + "    fields:\n");
        for (String field : fields) {
            yaml.append("      ").append(field).append('\n');
        }
        return yaml.toString();
    }

    /**
     * A lifecycle domain 'd' (count 100, key id; fields id, status, balance, updated_at) whose lifecycle is
     * {@code lifecycle}, with {@code KEY} and {@code COUNT} replaced by the domain's key and count lines.
     */
    static String lifecycle(String domainLines, String... lines) {
        StringBuilder yaml = new StringBuilder("version: 1\n"
                + "domains:\n"
                + "  d:\n"
                + domainLines
                + "    fields:\n"
                + "      id: {unique: {}}\n"
                + "      status: {state: {}}\n"
                + "      balance: {int: {}}\n"
                + "      updated_at: {timestamp: {now: {}}}\n"
                + "    lifecycle:\n");
        for (String line : lines) {
            yaml.append("      ").append(line).append('\n');
        }
        return yaml.toString();
    }

    static final String KEYED = "    key: id\n    count: 100\n";
    static final String CREATED = "created: {timestamp: {between: [\"2026-01-01\", \"2026-01-31\"]}}";

    static String states(String... states) {
        StringBuilder yaml = new StringBuilder("states:");
        for (String state : states) {
            yaml.append("\n        ").append(state);
        }
        return yaml.toString();
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("D1 syntax error", "version: 1\ndomains: {d: {fields: {a: {uuid: {}}}\n", "",
                        "valid YAML", null),
                Arguments.of("D2 unknown top-level key", "version: 1\ndomain:\n  d: {fields: {a: {uuid: {}}}}\n",
                        "domain", "a top-level key", "domains"),
                Arguments.of("D3 unsupported version", "version: 2\ndomains:\n  d: {fields: {a: {uuid: {}}}}\n",
                        "version", "1, the only format version", null),
                Arguments.of("D4 no domains", "version: 1\n", "domains", "a map of domain names", null),
                Arguments.of("D5 unknown domain key", "version: 1\ndomains:\n  d: {cuont: 5, fields: {a: {uuid: {}}}}\n",
                        "domains.d.cuont", "a domain key", "count"),
                Arguments.of("D6 non-positive count", "version: 1\ndomains:\n  d: {count: 0, fields: {a: {uuid: {}}}}\n",
                        "domains.d.count", "a positive number of records", null),
                Arguments.of("D7 field without generator", withFields("x: {null_rate: 0.1}"), "domains.d.fields.x",
                        "one generator", null),
                Arguments.of("D8 unknown generator", withFields("x: {uuuid: {}}"), "domains.d.fields.x.uuuid",
                        "a generator", "uuid"),
                Arguments.of("D9 two generators", withFields("x: {uuid: {}, int: {}}"), "domains.d.fields.x.int",
                        "one generator per field", null),
                Arguments.of("D10 unknown parameter", withFields("x: {int: {min: 1, maks: 3}}"),
                        "domains.d.fields.x.int.maks", "one of the parameters", "max"),
                Arguments.of("D11 min above max", withFields("x: {int: {min: 5, max: 1}}"),
                        "domains.d.fields.x.int.max", "at least min (5)", null),
                Arguments.of("D12 int bound outside 32 bits", withFields("x: {int: {min: 0, max: 3000000000}}"),
                        "domains.d.fields.x.int.max", "a value between -2147483648 and 2147483647", null),
                Arguments.of("D13 null_rate outside [0, 1]", withFields("x: {uuid: {}, null_rate: 1.5}"),
                        "domains.d.fields.x.null_rate", "a probability between 0 and 1", null),
                Arguments.of("D14 non-positive weight", withFields("x: {weighted: {a: 2, b: 0}}"),
                        "domains.d.fields.x.weighted.b", "a positive weight", null),
                Arguments.of("D15 one_of with mixed types", withFields("x: {one_of: [1, two, 3]}"),
                        "domains.d.fields.x.one_of", "values of one type", null),
                Arguments.of("D16 bad regex", withFields("x: {regex: \"[A-Z\"}"), "domains.d.fields.x.regex",
                        "a valid regular expression", null),
                Arguments.of("D17 regex that cannot generate", withFields("x: {regex: \"(a)\\\\1\"}"),
                        "domains.d.fields.x.regex", "without back references", null),
                Arguments.of("D18 unknown faker provider", withFields("x: {faker: \"#{Nmae.fullName}\"}"),
                        "domains.d.fields.x.faker", "a Datafaker provider", "Name"),
                Arguments.of("D19 unknown faker method", withFields("x: {faker: \"#{Name.fulName}\"}"),
                        "domains.d.fields.x.faker", "a method of Datafaker's Name", "fullName"),
                Arguments.of("D20 faker directive failing at load",
                        withFields("x: {faker: \"#{Number.numberBetween 'a','b'}\"}"), "domains.d.fields.x.faker",
                        "a resolvable Datafaker expression", null),
                Arguments.of("D21 ref to an unknown domain", withFields("x: {ref: {domain: pp, field: id}}"),
                        "domains.d.fields.x.ref.domain", "a domain of the definition", "p"),
                Arguments.of("D22 ref to an unknown field", withFields("x: {ref: {domain: p, field: nmae}}"),
                        "domains.d.fields.x.ref.field", "a top-level field of domain 'p'", "name"),
                Arguments.of("D23 ref to a domain without count",
                        "version: 1\ndomains:\n  p: {fields: {id: {uuid: {}}}}\n"
                                + "  d: {fields: {x: {ref: {domain: p, field: id}}}}\n",
                        "domains.d.fields.x.ref.domain", "a finite domain", null),
                Arguments.of("D24 reference cycle",
                        "version: 1\ndomains:\n  a: {count: 5, fields: {id: {uuid: {}}, b: {ref: {domain: b, field: id}}}}\n"
                                + "  b: {count: 5, fields: {id: {uuid: {}}, a: {ref: {domain: a, field: id}}}}\n",
                        "domains.a.fields.b.ref.domain", "references without a cycle (a -> b -> a)", null),
                Arguments.of("D25 unique range smaller than count", withFields("x: {unique: {min: 1, max: 50}}"),
                        "domains.d.fields.x.unique.max", "a range of at least count (100) values", null),
                Arguments.of("D26 unique in an unbounded domain",
                        "version: 1\ndomains:\n  d: {fields: {x: {unique: {}}}}\n", "domains.d.fields.x.unique",
                        "unique in a domain with 'count'", null),
                Arguments.of("D27 expr naming an unknown field",
                        withFields("qty: {int: {}}", "x: {expr: \"qtty * 2\", type: long}"), "domains.d.fields.x.expr",
                        "a field of the record", "qty"),
                Arguments.of("D28 expr mixing types", withFields("s: {constant: abc}", "x: {expr: \"s + 1\", type: long}"),
                        "domains.d.fields.x.expr", "numeric operands", null),
                Arguments.of("D29 expr whose result does not fit its type",
                        withFields("p1: {decimal: {}}", "x: {expr: \"p1 * 2\", type: int}"), "domains.d.fields.x.expr",
                        "a whole-number expression for type int", null),
                Arguments.of("D30 expr over a nullable field",
                        withFields("n: {int: {}, null_rate: 0.2}", "x: {expr: \"n + 1\", type: long}"),
                        "domains.d.fields.x.expr", "a field that is never null", null),
                Arguments.of("D31 template naming an unknown field",
                        withFields("code: {regex: \"[A-Z]{3}\"}", "x: {template: \"{cdoe}-{seq}\"}"),
                        "domains.d.fields.x.template", "placeholders naming {seq} or a field", "code"),
                Arguments.of("D32 bad date", withFields("x: {date: {between: [\"2020-13-01\", \"2021-01-01\"]}}"),
                        "domains.d.fields.x.date.between[0]", "an ISO date", null),
                Arguments.of("D33 bad duration", withFields("x: {timestamp: {now: {offset: \"an hour ago\"}}}"),
                        "domains.d.fields.x.timestamp.now.offset", "a duration such as", null),
                Arguments.of("D34 array size min above max",
                        withFields("lines: {array: {size: {min: 3, max: 1}, items: {int: {}}}}"),
                        "domains.d.fields.lines.array.size.max", "at least min (3)", null),
                Arguments.of("D35 unknown distribution", withFields("x: {double: {distribution: lognormel}}"),
                        "domains.d.fields.x.double.distribution", "one of uniform, normal", "lognormal"),
                Arguments.of("D36 parameter of another distribution",
                        withFields("x: {double: {distribution: normal, sigma: 2}}"), "domains.d.fields.x.double.sigma",
                        "only the parameters of distribution 'normal'", null),
                Arguments.of("D37 key naming an unknown field",
                        "version: 1\ndomains:\n  d: {key: order_idd, fields: {order_id: {uuid: {}}}}\n",
                        "domains.d.key", "a field of the domain", "order_id"),
                Arguments.of("D38 key field that may be null",
                        "version: 1\ndomains:\n  d: {key: k, fields: {k: {uuid: {}, null_rate: 0.1}}}\n",
                        "domains.d.key", "a field that is never null", null),
                Arguments.of("D39 null_rate on list items",
                        withFields("xs: {array: {items: {int: {}, null_rate: 0.5}}}"),
                        "domains.d.fields.xs.array.items.null_rate", "no null_rate on list items", null),
                Arguments.of("D40 duplicate key", withFields("x: {uuid: {}}", "x: {int: {}}"), "domains.d.fields.x",
                        "each key once in a map", null),
                Arguments.of("D41 field name with a space", withFields("\"order id\": {uuid: {}}"),
                        "domains.d.fields.order id", "a field name of letters, digits", null),
                Arguments.of("D42 decimal beyond 18 digits",
                        withFields("x: {decimal: {min: 0, max: 1000000000000000, scale: 6}}"), "domains.d.fields.x.decimal",
                        "at most 18 digits", null),
                Arguments.of("D43 unique inside an array",
                        withFields("xs: {array: {items: {unique: {}}}}"), "domains.d.fields.xs.array.items.unique",
                        "unique outside arrays", null),
                Arguments.of("D44 same_as naming a field that is not a ref",
                        withFields("a: {ref: {domain: p, field: id}}", "b: {ref: {domain: p, field: name, same_as: c}}",
                                "c: {uuid: {}}"), "domains.d.fields.b.ref.same_as", "a ref field of the same object", "a"),
                Arguments.of("D45 templates that depend on each other",
                        withFields("a: {template: \"{b}\"}", "b: {template: \"{a}\"}"), "domains.d.fields.a.template",
                        "fields that read each other (templates, expressions, after, cases) without a cycle", null),
                Arguments.of("D46 faker pool too large",
                        withFields("x: {faker: {expression: \"#{Name.firstName}\", pool: 5000000}}"),
                        "domains.d.fields.x.faker.pool", "a pool size between 1 and 1000000", null),
                Arguments.of("D47 boolean probability above 1", withFields("x: {boolean: {p: 2}}"),
                        "domains.d.fields.x.boolean.p", "a probability between 0 and 1", null),
                Arguments.of("D50 lifecycle without count", lifecycle("    key: id\n", CREATED, "initial: a",
                        states("a: {}")), "domains.d.lifecycle", "a lifecycle in a domain with 'count'", null),
                Arguments.of("D51 lifecycle without key", lifecycle("    count: 100\n", CREATED, "initial: a",
                        states("a: {}")), "domains.d.lifecycle", "a lifecycle in a domain with 'key'", null),
                Arguments.of("D52 next naming an unknown state", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d, next: {frozn: 1}}", "frozen: {}")),
                        "domains.d.lifecycle.states.active.next.frozn", "a state of the lifecycle", "frozen"),
                Arguments.of("D53 unknown initial state", lifecycle(KEYED, CREATED, "initial: actve",
                        states("active: {}")), "domains.d.lifecycle.initial", "a state of the lifecycle", "active"),
                Arguments.of("D54 unreachable state", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d, next: {active: 1}}", "frozen: {}")),
                        "domains.d.lifecycle.states.frozen", "a state reachable from the initial state 'active'",
                        null),
                Arguments.of("D55 non-positive transition weight", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d, next: {active: 2, closed: 0}}", "closed: {delete: true}")),
                        "domains.d.lifecycle.states.active.next.closed", "a positive weight", null),
                Arguments.of("D56 dwell max below min", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: {min: 5d, max: 1d}, next: {active: 1}}")),
                        "domains.d.lifecycle.states.active.dwell.max", "at least min (5d)", null),
                Arguments.of("D57 exponential dwell without mean", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: {distribution: exponential}, next: {active: 1}}")),
                        "domains.d.lifecycle.states.active.dwell.mean", "a positive duration", null),
                Arguments.of("D58 dwell that is not a duration", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: soon, next: {active: 1}}")),
                        "domains.d.lifecycle.states.active.dwell", "a duration such as", null),
                Arguments.of("D59 changes naming an unknown field", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d, next: {active: 1}, changes: [balanse]}")),
                        "domains.d.lifecycle.states.active.changes[0]", "a top-level field of the domain", "balance"),
                Arguments.of("D60 changes naming the key", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d, next: {active: 1}, changes: [id]}")),
                        "domains.d.lifecycle.states.active.changes[0]", "a field other than the key", null),
                Arguments.of("D61 delete state with next", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d, next: {closed: 1}}", "closed: {delete: true, next: {active: 1}}")),
                        "domains.d.lifecycle.states.closed.next", "no next in a delete state", null),
                Arguments.of("D62 next without dwell", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {next: {active: 1}}")), "domains.d.lifecycle.states.active.dwell",
                        "how long an entity stays in 'active'", null),
                Arguments.of("D63 dwell without next", lifecycle(KEYED, CREATED, "initial: active",
                        states("active: {dwell: 1d}")), "domains.d.lifecycle.states.active.dwell",
                        "no dwell in a state without next", null),
                Arguments.of("D64 initial delete state", lifecycle(KEYED, CREATED, "initial: closed",
                        states("closed: {delete: true}")), "domains.d.lifecycle.initial",
                        "a state that is not a delete state", null),
                Arguments.of("D65 created that is not a timestamp generator", lifecycle(KEYED,
                        "created: {date: {between: [\"2026-01-01\", \"2026-01-31\"]}}", "initial: a",
                        states("a: {}")), "domains.d.lifecycle.created", "a timestamp generator", null),
                Arguments.of("D66 unknown lifecycle key", lifecycle(KEYED, CREATED, "inital: a", states("a: {}")),
                        "domains.d.lifecycle.inital", "one of the parameters created, initial, states", "initial"),
                Arguments.of("D67 state field without a lifecycle", withFields("s: {state: {}}"),
                        "domains.d.fields.s.state", "a state field in a domain with a lifecycle", null),
                Arguments.of("D68 state field inside an object", lifecycle(KEYED.replace("fields:", "fields:"),
                        CREATED, "initial: a", states("a: {}")).replace("      updated_at: {timestamp: {now: {}}}\n",
                        "      o: {object: {fields: {s: {state: {}}}}}\n"),
                        "domains.d.fields.o.object.fields.s.state", "a state field at the top level", null),
                Arguments.of("D71 per_parent on a parent without count", "version: 1\ndomains:\n"
                        + "  p: {fields: {id: {uuid: {}}}}\n"
                        + "  d: {fields: {p_id: {ref: {domain: p, field: id, per_parent: 2}}}}\n",
                        "domains.d.fields.p_id.ref.per_parent", "per_parent over a finite parent: give domain 'p' a "
                                + "count", null),
                Arguments.of("D72 count that disagrees with per_parent",
                        withFields("p_id: {ref: {domain: p, field: id, per_parent: 2}}"), "domains.d.count",
                        "count 200 (domain 'p' has 100 records × per_parent 2)", null),
                Arguments.of("D73 count with a per_parent range",
                        withFields("p_id: {ref: {domain: p, field: id, per_parent: {min: 1, max: 3}}}"),
                        "domains.d.count", "no count: with per_parent {min, max} the number of children follows "
                                + "from the seed (at most 300)", null),
                Arguments.of("D74 two per_parent refs in one domain", withFields(
                        "a: {ref: {domain: p, field: id, per_parent: 1}}",
                        "b: {ref: {domain: p, field: name, per_parent: 1}}"), "domains.d.fields.b.ref.per_parent",
                        "one ref with per_parent per domain", null),
                Arguments.of("D75 per_parent inside an object", withFields(
                        "o: {object: {fields: {a: {ref: {domain: p, field: id, per_parent: 1}}}}}"),
                        "domains.d.fields.o.object.fields.a.ref.per_parent", "per_parent on a top-level ref", null),
                Arguments.of("D76 per_parent with pick", withFields(
                        "a: {ref: {domain: p, field: id, pick: zipf, per_parent: 1}}"),
                        "domains.d.fields.a.ref.per_parent", "no pick, exponent or same_as with per_parent", null),
                Arguments.of("D95 per_parent of no children", withFields(
                        "a: {ref: {domain: p, field: id, per_parent: 0}}").replace("    count: 100\n    fields:\n"
                        + "      a:", "    fields:\n      a:"), "domains.d.fields.a.ref.per_parent",
                        "children per parent with a max of at least 1", null),
                Arguments.of("D77 child_index without per_parent", withFields("n: {child_index: {}}"),
                        "domains.d.fields.n.child_index", "child_index in a domain whose records are grouped by "
                                + "parent", null),
                Arguments.of("D78 after naming an unknown field", withFields(
                        "signup: {date: {between: [\"2020-01-01\", \"2020-12-31\"]}}",
                        "opened: {date: {after: {field: signpu, max: 30d}}}"),
                        "domains.d.fields.opened.date.after.field", "a date or timestamp field of the same object",
                        "signup"),
                Arguments.of("D79 after a field that is not a date", withFields("n: {int: {}}",
                        "opened: {timestamp: {after: {field: n}}}"), "domains.d.fields.opened.timestamp.after.field",
                        "a date or timestamp field of the same object ('n' is int)", null),
                Arguments.of("D80 a cycle of after fields", withFields(
                        "a: {timestamp: {after: {field: b, max: 1d}}}", "b: {timestamp: {after: {field: a, max: 1d}}}"),
                        "domains.d.fields.a.timestamp", "fields that read each other (templates, expressions, after, "
                                + "cases) without a cycle (a -> b -> a)", null),
                Arguments.of("D81 after max below min", withFields("s: {timestamp: {now: {}}}",
                        "a: {timestamp: {after: {field: s, min: 2d, max: 1d}}}"),
                        "domains.d.fields.a.timestamp.after.max", "at least min (2d)", null),
                Arguments.of("D82 date after by hours", withFields("s: {date: {between: [\"2020-01-01\", "
                        + "\"2020-12-31\"]}}", "a: {date: {after: {field: s, max: 36h}}}"),
                        "domains.d.fields.a.date.after.max", "whole days for a date", null),
                Arguments.of("D83 hours that are not a window", withFields(
                        "a: {timestamp: {between: [\"2024-01-01\", \"2024-12-31\"], hours: [17, 9]}}"),
                        "domains.d.fields.a.timestamp.hours", "[from, to]: whole hours with 0 <= from < to <= 24",
                        null),
                Arguments.of("D84 unknown weekday", withFields(
                        "a: {timestamp: {between: [\"2024-01-01\", \"2024-12-31\"], weekdays: [mon, thur]}}"),
                        "domains.d.fields.a.timestamp.weekdays[1]", "a day: one of mon, tue", "thu"),
                Arguments.of("D85 hours with now", withFields("a: {timestamp: {now: {}, hours: [9, 17]}}"),
                        "domains.d.fields.a.timestamp.hours", "hours and weekdays with between or after", null),
                Arguments.of("D86 when that is not boolean", withFields("n: {int: {}}",
                        "a: {cases: [{when: \"n + 1\", then: {int: {}}}, {else: {int: {}}}]}"),
                        "domains.d.fields.a.cases[0].when", "a condition: a boolean expression", null),
                Arguments.of("D87 branches of different types", withFields("f: {boolean: {}}",
                        "a: {cases: [{when: \"f\", then: {int: {}}}, {else: {constant: none}}]}"),
                        "domains.d.fields.a.cases[1].else", "branches of one type (the first is int, this one "
                                + "string)", null),
                Arguments.of("D88 cases without else last", withFields("f: {boolean: {}}",
                        "a: {cases: [{when: \"f\", then: {int: {}}}, {when: \"not f\", then: {int: {}}}]}"),
                        "domains.d.fields.a.cases[1].else", "the last case: {else: field}", null),
                Arguments.of("D89 condition naming an unknown field", withFields("amount: {int: {}}",
                        "a: {cases: [{when: \"amout > 5\", then: {int: {}}}, {else: {int: {}}}]}"),
                        "domains.d.fields.a.cases[0].when", "a field of the record ('amout' at index 0", "amount"),
                Arguments.of("D90 comparing a number with a text", withFields("amount: {int: {}}",
                        "a: {cases: [{when: \"amount == 'big'\", then: {int: {}}}, {else: {int: {}}}]}"),
                        "domains.d.fields.a.cases[0].when", "comparable operands of '==' (a number and a string)",
                        null),
                Arguments.of("D91 unknown locale", withFields("a: {faker: {expression: \"#{Name.lastName}\", "
                        + "locale: dee}}"), "domains.d.fields.a.faker.locale", "a locale Datafaker has data for",
                        "de"),
                Arguments.of("D92 unknown domain locale", withFields("a: {uuid: {}}").replace("    count: 100\n"
                        + "    fields:\n      a:", "    count: 100\n    locale: klingon\n    fields:\n      a:"),
                        "domains.d.locale", "a locale Datafaker has data for", null),
                Arguments.of("D93 date expression adding hours", withFields("s: {date: {between: [\"2020-01-01\", "
                        + "\"2020-12-31\"]}}", "a: {expr: \"s + 12h\", type: date}"), "domains.d.fields.a.expr",
                        "whole days to add to a date", null),
                Arguments.of("D94 expression of the wrong type", withFields("s: {date: {between: [\"2020-01-01\", "
                        + "\"2020-12-31\"]}}", "a: {expr: \"s + 1d\", type: long}"), "domains.d.fields.a.expr",
                        "an expression of type long (this one makes a date)", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aBadDefinitionIsRejectedWithPathValueExpectationAndSuggestion(String row, String yaml, String path,
            String expected, String suggestion) {
        DefinitionException e = catchThrowableOfType(DefinitionException.class,
                () -> DeclarativeDomains.parse("bad.yaml", yaml));
        assertThat(e).as(row).isNotNull();
        assertThat(e).isInstanceOf(InvalidSettingException.class);
        assertThat(e.problems()).as(e.getMessage())
                .anySatisfy(problem -> {
                    assertThat(problem.path()).isEqualTo(path);
                    assertThat(problem.expected()).contains(expected);
                    assertThat(problem.source()).isEqualTo("bad.yaml");
                    assertThat(problem.line()).isPositive();
                    assertThat(problem.column()).isPositive();
                    if (suggestion != null) {
                        assertThat(problem.suggestion()).isEqualTo(suggestion);
                    }
                });
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineAndColumn() {
        String yaml = "version: 1\n"
                + "domains:\n"
                + "  orders:\n"
                + "    key: order_id\n"
                + "    fields:\n"
                + "      order_id: {uuid: {}}\n"
                + "      qty: {int: {min: 9, max: 4}}\n"
                + "      status: {weighted: {NEW: -1}}\n"
                + "      lines:\n"
                + "        array:\n"
                + "          size: {min: 1, max: 0}\n"
                + "          items: {regex: \"[\"}\n"
                + "      note: {template: \"{stauts}\"}\n";
        DefinitionException e = catchThrowableOfType(DefinitionException.class,
                () -> DeclarativeDomains.parse("orders.yaml", yaml));
        assertThat(e.problems()).extracting(DefinitionProblem::path).containsExactlyInAnyOrder(
                "domains.orders.fields.qty.int.max",
                "domains.orders.fields.status.weighted.NEW",
                "domains.orders.fields.lines.array.size.max",
                "domains.orders.fields.lines.array.items.regex",
                "domains.orders.fields.note.template");
        DefinitionProblem size = e.problems().stream()
                .filter(p -> p.path().equals("domains.orders.fields.lines.array.size.max")).findFirst().orElseThrow();
        assertThat(size.position()).isEqualTo("orders.yaml:11:31");
        assertThat(size.value()).isEqualTo("0");
        assertThat(e.problems().get(4).suggestion()).isEqualTo("status");
        assertThat(e.getMessage()).startsWith("Invalid domain definition (5 problems):")
                .contains("orders.yaml:11:31: domains.orders.fields.lines.array.size.max = '0': expected at least min (1)");
    }

    @Test
    void jsonDefinitionsArePositionedToo() {
        DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DeclarativeDomains.parse(
                "{\"version\": 1, \"domains\": {\"d\": {\"fields\": {\"x\": {\"int\": {\"mni\": 1}}}}}}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("domains.d.fields.x.int.mni");
            assertThat(p.suggestion()).isEqualTo("min");
            assertThat(p.position()).isEqualTo("<string>:1:59");
        });
    }

    @Test
    void theJavaBuilderIsCheckedByTheSameRules() {
        DeclarativeDomain domain = DeclarativeDomain.builder("d")
                .field("x", Gen.integer(5, 1))
                .field("y", Gen.of("uuuid", null))
                .build();
        DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DeclarativeDomains.of(domain));
        assertThat(e.problems()).extracting(DefinitionProblem::path)
                .containsExactly("domains.d.fields.x.int.max", "domains.d.fields.y.uuuid");
        assertThat(e.problems().get(0).position()).isEqualTo("builder");
    }

    @Test
    void theJavaBuildersLifecycleIsCheckedByTheSameRules() {
        DeclarativeDomain domain = DeclarativeDomain.builder("d").count(10).key("id")
                .lifecycle(Lifecycle.builder().created(Gen.timestampBetween("2026-01-01", "2026-01-02"))
                        .initial("active")
                        .state("active", Lifecycle.state().dwell("1d").next(Map.of("frozn", 1)))
                        .state("closed", Lifecycle.deleteState().changes("id"))
                        .build())
                .field("id", Gen.unique(1, 100))
                .build();
        DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DeclarativeDomains.of(domain));
        assertThat(e.problems()).extracting(DefinitionProblem::path).containsExactlyInAnyOrder(
                "domains.d.lifecycle.states.active.next.frozn", "domains.d.lifecycle.states.closed.changes");
        assertThat(e.problems().get(0).position()).isEqualTo("builder");
    }

    @Test
    void aDeclarativeDomainTakesNoDomainOptions() {
        DomainProvider provider = DeclarativeDomains.parse(withFields("x: {uuid: {}}")).get(1);
        assertThatThrownBy(() -> provider.open(new DomainContext(1, Records.CLOCK, Map.of("locale", "de"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("takes no options");
    }

    @Test
    void aLifecycleDomainTakesOnlyTheChangeFormatOption() {
        DomainProvider provider = DeclarativeDomains.parse(lifecycle(KEYED, CREATED, "initial: a",
                states("a: {}"))).get(0);
        assertThatThrownBy(() -> provider.open(new DomainContext(1, Records.CLOCK, Map.of("change_format", "xml"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'change_format' = 'xml'").hasMessageContaining("row or debezium");
        assertThatThrownBy(() -> provider.open(new DomainContext(1, Records.CLOCK, Map.of("locale", "de"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("takes the options [change_format]");
    }

    @Test
    void aSnapshotNeedsALifecycle() {
        DomainProvider plain = DeclarativeDomains.parse(withFields("x: {uuid: {}}")).get(1);
        assertThatThrownBy(() -> Snapshots.at(plain, java.time.Instant.EPOCH))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("a declarative domain with a lifecycle");
    }

    @Test
    void theExampleFilesAreValid() {
        for (String file : List.of("ecommerce.yaml", "iot.yaml", "device-log.yaml", "accounts.yaml")) {
            assertThat(DeclarativeDomains.load(Records.EXAMPLES.resolve(file))).isNotEmpty();
        }
    }
}
