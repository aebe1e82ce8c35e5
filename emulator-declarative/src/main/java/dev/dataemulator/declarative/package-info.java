/**
 * Declarative domains: records described in YAML or JSON (format version 1) or with a Java builder, compiled into
 * ordinary {@link dev.dataemulator.core.spi.DomainProvider}s with typed schemas. Entry points:
 * {@link dev.dataemulator.declarative.DeclarativeDomains#load(java.nio.file.Path)},
 * {@link dev.dataemulator.declarative.DeclarativeDomains#parse(String)} and
 * {@link dev.dataemulator.declarative.DeclarativeDomain#builder(String)}. Definition files placed under
 * {@code META-INF/emulator/domains/} on the class path are found by
 * {@link dev.dataemulator.core.DomainRegistry#discover()} while this module is present.
 *
 * <p>Every value is a pure function of (seed, domain, seq, field path): the same records at any thread count, shard
 * or restart point; a reference recomputes the parent record it picked instead of remembering emitted records; a
 * {@code unique} field is a seeded permutation of the record's index.
 */
package dev.dataemulator.declarative;
