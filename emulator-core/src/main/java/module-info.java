/**
 * Data Emulator's engine: the API ({@code dev.dataemulator.core}), the contracts plug-ins implement
 * ({@code dev.dataemulator.core.spi}) and the shared implementations other modules use
 * ({@code dev.dataemulator.core.support}). {@code dev.dataemulator.core.internal} is not exported.
 *
 * <p>Sinks and domains are found with {@link java.util.ServiceLoader}: a plug-in module declares
 * {@code provides dev.dataemulator.core.spi.SinkProvider with ...} (or {@code DomainProvider}, {@code FormatProvider});
 * on the class path,
 * {@code META-INF/services} entries do the same.
 */
module dev.dataemulator.core {
    requires org.slf4j;
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.databind;

    exports dev.dataemulator.core;
    exports dev.dataemulator.core.spi;
    exports dev.dataemulator.core.support;

    uses dev.dataemulator.core.spi.DomainProvider;
    uses dev.dataemulator.core.spi.DomainSource;
    uses dev.dataemulator.core.spi.SinkProvider;
    uses dev.dataemulator.core.spi.FormatProvider;
    uses dev.dataemulator.core.spi.FieldGenerators;

    provides dev.dataemulator.core.spi.SinkProvider with dev.dataemulator.core.internal.MemorySinkProvider,
            dev.dataemulator.core.internal.StdoutSinkProvider;
}
